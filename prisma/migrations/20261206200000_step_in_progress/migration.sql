-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "stepInProgress" INTEGER,
ADD COLUMN     "stepStartedAt" TIMESTAMP(3);
