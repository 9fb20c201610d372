-- Worker time each job has used, added at every heartbeat: what a team's GPU-minute budget counts.
ALTER TABLE "Job" ADD COLUMN "gpuSeconds" DOUBLE PRECISION NOT NULL DEFAULT 0;
-- Minutes an instructor added to a team's budget (gpuMinutesPerTeam in the course's limits).
ALTER TABLE "Team" ADD COLUMN "gpuMinutesTopUp" INTEGER NOT NULL DEFAULT 0;
