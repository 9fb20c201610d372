-- Run names, tags and notes, and the name a sample-set version hands in with its copy of the run.
ALTER TABLE "Job" ADD COLUMN "name" TEXT,
ADD COLUMN "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "notes" TEXT;

ALTER TABLE "HandedInRun" ADD COLUMN "name" TEXT;
