-- A points_file run keeps its uploaded 2D points with the run (gpu-worker/data/point-file.ts).
ALTER TYPE "ArtifactKind" ADD VALUE 'TRAINING_DATA';
