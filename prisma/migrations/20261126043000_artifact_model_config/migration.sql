-- AlterEnum
ALTER TYPE "ArtifactKind" ADD VALUE 'MODEL_CONFIG';
