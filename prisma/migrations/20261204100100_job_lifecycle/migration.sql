-- A running job stopped because its team's GPU minutes ran out; its checkpoint is kept and it resumes
-- (back to QUEUED) after a top-up.
ALTER TYPE "JobStatus" ADD VALUE 'STOPPED_AT_BUDGET';

-- The database refuses a status change the job life does not have (gpu-worker/jobs/job-lifecycle.ts
-- holds the same table and is the one writer; this is the backstop for any other UPDATE).
CREATE OR REPLACE FUNCTION "job_status_transition_guard"() RETURNS trigger AS $$
BEGIN
  IF NEW."status" = OLD."status" THEN
    RETURN NEW;
  END IF;
  IF (OLD."status"::text, NEW."status"::text) IN (
    ('QUEUED', 'RUNNING'), ('QUEUED', 'CANCELLED'), ('QUEUED', 'FAILED'),
    ('RUNNING', 'SUCCEEDED'), ('RUNNING', 'FAILED'), ('RUNNING', 'CANCELLED'), ('RUNNING', 'STOPPED_AT_BUDGET'), ('RUNNING', 'QUEUED'),
    ('STOPPED_AT_BUDGET', 'QUEUED')
  ) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a % job cannot become %', OLD."status", NEW."status" USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Job_status_transition"
  BEFORE UPDATE OF "status" ON "Job"
  FOR EACH ROW EXECUTE FUNCTION "job_status_transition_guard"();
