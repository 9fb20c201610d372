-- Lab verdicts move from the student's browser to the server's sandbox.
-- AlterTable
ALTER TABLE "LabAttempt" ADD COLUMN "gradedOnServer" BOOLEAN NOT NULL DEFAULT false;

-- A pass recorded before this migration was the browser's word. The attempts keep what it reported
-- (gradedOnServer = false); the step goes back to "working" until the server passes it.
UPDATE "LabStepProgress"
SET "passed" = false,
    "passedAt" = NULL,
    "lastMessage" = 'Passed in the browser before labs were graded on the server: run the checks again to have it verified.'
WHERE "passed" = true;
