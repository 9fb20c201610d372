-- CreateTable
CREATE TABLE "PresentationSchedule" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "lockedAt" TIMESTAMP(3),
    "currentSlotId" TEXT,
    "currentStartedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PresentationSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PresentationSlot" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "minutes" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "teamId" TEXT,
    "bookedAt" TIMESTAMP(3),
    "slidesUrl" TEXT,
    "presentedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PresentationSlot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PresentationSchedule_courseId_key" ON "PresentationSchedule"("courseId");

-- CreateIndex
CREATE UNIQUE INDEX "PresentationSchedule_currentSlotId_key" ON "PresentationSchedule"("currentSlotId");

-- CreateIndex
CREATE UNIQUE INDEX "PresentationSlot_teamId_key" ON "PresentationSlot"("teamId");

-- CreateIndex
CREATE INDEX "PresentationSlot_courseId_position_idx" ON "PresentationSlot"("courseId", "position");

-- AddForeignKey
ALTER TABLE "PresentationSchedule" ADD CONSTRAINT "PresentationSchedule_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PresentationSchedule" ADD CONSTRAINT "PresentationSchedule_currentSlotId_fkey" FOREIGN KEY ("currentSlotId") REFERENCES "PresentationSlot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PresentationSlot" ADD CONSTRAINT "PresentationSlot_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PresentationSlot" ADD CONSTRAINT "PresentationSlot_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
