-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "allowExtraTeamMember" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "teamsLockedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "pageEditedAt" TIMESTAMP(3),
ADD COLUMN     "pageEditorId" TEXT,
ADD COLUMN     "pageVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "published" BOOLEAN NOT NULL DEFAULT false;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_pageEditorId_fkey" FOREIGN KEY ("pageEditorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
