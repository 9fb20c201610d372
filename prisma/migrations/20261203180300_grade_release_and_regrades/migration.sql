-- CreateEnum
CREATE TYPE "RegradeStatus" AS ENUM ('OPEN', 'ANSWERED');

-- AlterTable
ALTER TABLE "Grade" ADD COLUMN     "releasedAt" TIMESTAMP(3);

-- Grades of a deliverable released before per-team release keep being shown to their teams.
UPDATE "Grade" SET "releasedAt" = "Deliverable"."gradesReleasedAt"
FROM "Deliverable"
WHERE "Grade"."deliverableId" = "Deliverable"."id" AND "Deliverable"."gradesReleasedAt" IS NOT NULL;

-- CreateTable
CREATE TABLE "RegradeRequest" (
    "id" TEXT NOT NULL,
    "gradeId" TEXT NOT NULL,
    "requestedById" TEXT,
    "reason" TEXT NOT NULL,
    "status" "RegradeStatus" NOT NULL DEFAULT 'OPEN',
    "totalBefore" DOUBLE PRECISION NOT NULL,
    "totalAfter" DOUBLE PRECISION,
    "reply" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegradeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RegradeRequest_gradeId_createdAt_idx" ON "RegradeRequest"("gradeId", "createdAt");

-- One open request per grade, also when two teammates file at the same moment (not expressible in the Prisma schema).
CREATE UNIQUE INDEX "RegradeRequest_one_open_per_grade" ON "RegradeRequest"("gradeId") WHERE "status" = 'OPEN';

-- AddForeignKey
ALTER TABLE "RegradeRequest" ADD CONSTRAINT "RegradeRequest_gradeId_fkey" FOREIGN KEY ("gradeId") REFERENCES "Grade"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegradeRequest" ADD CONSTRAINT "RegradeRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegradeRequest" ADD CONSTRAINT "RegradeRequest_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
