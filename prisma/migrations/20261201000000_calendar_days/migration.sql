-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "isHoliday" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL DEFAULT ''
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FollowUpCase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "responseId" INTEGER NOT NULL,
    "officeId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "contact" TEXT,
    "dueDate" TEXT,
    "ownerId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolution" TEXT NOT NULL DEFAULT '',
    "resolvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FollowUpCase_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUpCase_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "FollowUpCase_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FollowUpCase" ("contact", "createdAt", "dueDate", "id", "officeId", "ownerId", "reason", "resolution", "resolvedAt", "responseId", "status") SELECT "contact", "createdAt", "dueDate", "id", "officeId", "ownerId", "reason", "resolution", "resolvedAt", "responseId", "status" FROM "FollowUpCase";
DROP TABLE "FollowUpCase";
ALTER TABLE "new_FollowUpCase" RENAME TO "FollowUpCase";
CREATE UNIQUE INDEX "FollowUpCase_responseId_key" ON "FollowUpCase"("responseId");
CREATE INDEX "FollowUpCase_officeId_status_idx" ON "FollowUpCase"("officeId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CalendarDay_year_idx" ON "CalendarDay"("year");


-- Due dates after 2026 were counted on weekdays alone (the old holiday list ended with
-- 2026); they wait for that year's calendar like any new case and are filled on import.
UPDATE "FollowUpCase" SET "dueDate" = NULL WHERE "dueDate" >= '2027-01-01';
