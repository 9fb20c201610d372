-- Archived runs are hidden from the run lists until unarchived.
ALTER TABLE "Job" ADD COLUMN "archivedAt" TIMESTAMP(3);
