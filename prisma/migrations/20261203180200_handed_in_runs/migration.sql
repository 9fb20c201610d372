-- CreateTable
CREATE TABLE "HandedInRun" (
    "submissionId" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "jobKind" "JobKind" NOT NULL,
    "trainingJobId" TEXT NOT NULL,
    "dataset" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "metrics" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HandedInRun_pkey" PRIMARY KEY ("submissionId")
);

-- CreateTable
CREATE TABLE "HandedInArtifact" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "kind" "ArtifactKind" NOT NULL,
    "name" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "sourceArtifactId" TEXT NOT NULL,

    CONSTRAINT "HandedInArtifact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HandedInArtifact_submissionId_kind_key" ON "HandedInArtifact"("submissionId", "kind");

-- AddForeignKey
ALTER TABLE "HandedInRun" ADD CONSTRAINT "HandedInRun_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandedInArtifact" ADD CONSTRAINT "HandedInArtifact_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "HandedInRun"("submissionId") ON DELETE CASCADE ON UPDATE CASCADE;
