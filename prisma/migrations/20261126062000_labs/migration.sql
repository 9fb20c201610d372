-- CreateTable
CREATE TABLE "LabStepProgress" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "labSlug" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "code" TEXT NOT NULL DEFAULT '',
    "passed" BOOLEAN NOT NULL DEFAULT false,
    "passedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lastFailure" TEXT,
    "lastMessage" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabStepProgress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabAttempt" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "labSlug" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "failure" TEXT,
    "message" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabRelease" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "labSlug" TEXT NOT NULL,
    "releasedSteps" INTEGER,
    "solutionsReleased" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LabRelease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LabStepProgress_courseId_labSlug_idx" ON "LabStepProgress"("courseId", "labSlug");

-- CreateIndex
CREATE UNIQUE INDEX "LabStepProgress_courseId_userId_labSlug_stepId_key" ON "LabStepProgress"("courseId", "userId", "labSlug", "stepId");

-- CreateIndex
CREATE INDEX "LabAttempt_courseId_labSlug_stepId_idx" ON "LabAttempt"("courseId", "labSlug", "stepId");

-- CreateIndex
CREATE INDEX "LabAttempt_userId_labSlug_idx" ON "LabAttempt"("userId", "labSlug");

-- CreateIndex
CREATE UNIQUE INDEX "LabRelease_courseId_labSlug_key" ON "LabRelease"("courseId", "labSlug");

-- AddForeignKey
ALTER TABLE "LabStepProgress" ADD CONSTRAINT "LabStepProgress_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabStepProgress" ADD CONSTRAINT "LabStepProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabAttempt" ADD CONSTRAINT "LabAttempt_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabAttempt" ADD CONSTRAINT "LabAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabRelease" ADD CONSTRAINT "LabRelease_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;
