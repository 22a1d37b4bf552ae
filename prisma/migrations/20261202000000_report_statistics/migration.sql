-- AlterTable
ALTER TABLE "Office" ADD COLUMN "yearlyVisitors" INTEGER;

-- CreateTable
CREATE TABLE "MonthlyStat" (
    "officeId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "versionId" INTEGER NOT NULL,
    "dimension" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "satisfied" INTEGER NOT NULL,
    "sum" REAL NOT NULL,
    "sumSq" REAL NOT NULL,
    "scaleMin" INTEGER NOT NULL,
    "scaleMax" INTEGER NOT NULL,

    PRIMARY KEY ("officeId", "month", "versionId", "dimension")
);

-- CreateTable
CREATE TABLE "MonthlyOptionCount" (
    "officeId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "versionId" INTEGER NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("officeId", "month", "versionId", "dimension", "value")
);

-- CreateTable
CREATE TABLE "ReportJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "authorityId" INTEGER,
    "officeId" INTEGER,
    "year" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "file" BLOB,
    "fileName" TEXT,
    "error" TEXT,
    "requestedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ReportNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scope" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "MonthlyStat_month_idx" ON "MonthlyStat"("month");

-- CreateIndex
CREATE INDEX "MonthlyOptionCount_month_idx" ON "MonthlyOptionCount"("month");

-- CreateIndex
CREATE INDEX "ReportJob_key_status_idx" ON "ReportJob"("key", "status");

-- CreateIndex
CREATE INDEX "ReportJob_status_createdAt_idx" ON "ReportJob"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReportNote_scope_year_key" ON "ReportNote"("scope", "year");
