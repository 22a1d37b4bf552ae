-- CreateTable
CREATE TABLE "Authority" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Authority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PeerGroup" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "PeerGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Office" (
    "id" SERIAL NOT NULL,
    "authorityId" INTEGER NOT NULL,
    "peerGroupId" INTEGER,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "district" TEXT NOT NULL,
    "phone" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "yearlyVisitors" INTEGER,

    CONSTRAINT "Office_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "isSwitchboard" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Extension" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Extension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" TIMESTAMP(3),
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "role" TEXT NOT NULL,
    "authorityId" INTEGER,
    "officeId" INTEGER,
    "unitId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyDefinition" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyVersion" (
    "id" SERIAL NOT NULL,
    "definitionId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "json" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Channel" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'qr',
    "officeId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "versionId" INTEGER NOT NULL,
    "opensAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" SERIAL NOT NULL,
    "channelId" INTEGER NOT NULL,
    "versionId" INTEGER NOT NULL,
    "officeId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "answers" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "month" TEXT NOT NULL,
    "durationMs" INTEGER,
    "duplicate" BOOLEAN NOT NULL DEFAULT false,
    "clientHash" TEXT,
    "fillNonce" TEXT,
    "duplicateReviewedAt" TIMESTAMP(3),

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Answer" (
    "id" SERIAL NOT NULL,
    "responseId" INTEGER NOT NULL,
    "officeId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "questionName" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "scaleMin" INTEGER NOT NULL DEFAULT 1,
    "scaleMax" INTEGER NOT NULL DEFAULT 5,

    CONSTRAINT "Answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpCase" (
    "id" SERIAL NOT NULL,
    "responseId" INTEGER NOT NULL,
    "officeId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "contact" TEXT,
    "dueDate" TEXT,
    "ownerId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolution" TEXT NOT NULL DEFAULT '',
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "isHoliday" BOOLEAN NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourtesyScale" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "json" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CourtesyScale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallPlan" (
    "id" SERIAL NOT NULL,
    "authorityId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'assigned',
    "seed" INTEGER NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CallPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestCall" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER,
    "scaleId" INTEGER NOT NULL,
    "officeId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "extension" TEXT NOT NULL DEFAULT '',
    "evaluatorId" INTEGER NOT NULL,
    "scheduledDate" TEXT NOT NULL,
    "slot" TEXT NOT NULL DEFAULT '',
    "month" TEXT NOT NULL,
    "questionId" TEXT,
    "partsTested" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'planned',
    "calledAt" TIMESTAMP(3),
    "rings" INTEGER,
    "secondsToAnswer" INTEGER,
    "marks" TEXT NOT NULL DEFAULT '{}',
    "notes" TEXT NOT NULL DEFAULT '{}',
    "comment" TEXT NOT NULL DEFAULT '',
    "total" DOUBLE PRECISION,
    "band" TEXT,
    "needsImprovement" BOOLEAN,
    "submittedAt" TIMESTAMP(3),
    "calibrationId" INTEGER,

    CONSTRAINT "TestCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" SERIAL NOT NULL,
    "callId" INTEGER NOT NULL,
    "filedById" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT NOT NULL DEFAULT '',
    "oldTotal" DOUBLE PRECISION NOT NULL,
    "newTotal" DOUBLE PRECISION,

    CONSTRAINT "Appeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImprovementReport" (
    "id" SERIAL NOT NULL,
    "officeId" INTEGER NOT NULL,
    "unitId" INTEGER,
    "month" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "dueDate" TEXT NOT NULL,
    "cause" TEXT NOT NULL DEFAULT '',
    "actions" TEXT NOT NULL DEFAULT '',
    "completeBy" TEXT,
    "filedAt" TIMESTAMP(3),
    "filedById" INTEGER,

    CONSTRAINT "ImprovementReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalibrationSession" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "officeId" INTEGER NOT NULL,
    "scaleId" INTEGER NOT NULL,
    "partsTested" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalibrationSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChecklistTemplate" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChecklistTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChecklistRecord" (
    "id" SERIAL NOT NULL,
    "templateId" INTEGER NOT NULL,
    "officeId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "evaluatorId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'checklist',
    "answers" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "band" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChecklistRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MutualPair" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "peerGroupId" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "testerOfficeId" INTEGER NOT NULL,
    "testedOfficeId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MutualPair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlyStat" (
    "officeId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "versionId" INTEGER NOT NULL,
    "dimension" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "satisfied" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "sumSq" DOUBLE PRECISION NOT NULL,
    "scaleMin" INTEGER NOT NULL,
    "scaleMax" INTEGER NOT NULL,

    CONSTRAINT "MonthlyStat_pkey" PRIMARY KEY ("officeId","month","versionId","dimension")
);

-- CreateTable
CREATE TABLE "MonthlyOptionCount" (
    "officeId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "versionId" INTEGER NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "MonthlyOptionCount_pkey" PRIMARY KEY ("officeId","month","versionId","dimension","value")
);

-- CreateTable
CREATE TABLE "ReportJob" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "authorityId" INTEGER,
    "officeId" INTEGER,
    "year" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "file" BYTEA,
    "fileName" TEXT,
    "error" TEXT,
    "requestedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportNote" (
    "id" SERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Authority_name_key" ON "Authority"("name");

-- CreateIndex
CREATE UNIQUE INDEX "PeerGroup_name_key" ON "PeerGroup"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Office_name_key" ON "Office"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_officeId_name_key" ON "Unit"("officeId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Extension_unitId_number_key" ON "Extension"("unitId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyDefinition_key_key" ON "SurveyDefinition"("key");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyVersion_definitionId_version_key" ON "SurveyVersion"("definitionId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Channel_code_key" ON "Channel"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Response_fillNonce_key" ON "Response"("fillNonce");

-- CreateIndex
CREATE INDEX "Response_officeId_month_idx" ON "Response"("officeId", "month");

-- CreateIndex
CREATE INDEX "Response_clientHash_submittedAt_idx" ON "Response"("clientHash", "submittedAt");

-- CreateIndex
CREATE INDEX "Response_versionId_officeId_idx" ON "Response"("versionId", "officeId");

-- CreateIndex
CREATE INDEX "Response_channelId_month_idx" ON "Response"("channelId", "month");

-- CreateIndex
CREATE INDEX "Answer_officeId_month_dimension_idx" ON "Answer"("officeId", "month", "dimension");

-- CreateIndex
CREATE INDEX "Answer_responseId_idx" ON "Answer"("responseId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpCase_responseId_key" ON "FollowUpCase"("responseId");

-- CreateIndex
CREATE INDEX "FollowUpCase_officeId_status_idx" ON "FollowUpCase"("officeId", "status");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarDay_year_idx" ON "CalendarDay"("year");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "CourtesyScale_key_version_key" ON "CourtesyScale"("key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CallPlan_authorityId_month_kind_key" ON "CallPlan"("authorityId", "month", "kind");

-- CreateIndex
CREATE INDEX "TestCall_officeId_month_idx" ON "TestCall"("officeId", "month");

-- CreateIndex
CREATE INDEX "TestCall_evaluatorId_scheduledDate_idx" ON "TestCall"("evaluatorId", "scheduledDate");

-- CreateIndex
CREATE INDEX "Appeal_status_idx" ON "Appeal"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ImprovementReport_officeId_unitId_month_key" ON "ImprovementReport"("officeId", "unitId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistTemplate_key_version_key" ON "ChecklistTemplate"("key", "version");

-- CreateIndex
CREATE INDEX "ChecklistRecord_officeId_month_idx" ON "ChecklistRecord"("officeId", "month");

-- CreateIndex
CREATE INDEX "MutualPair_month_testedOfficeId_idx" ON "MutualPair"("month", "testedOfficeId");

-- CreateIndex
CREATE UNIQUE INDEX "MutualPair_month_testerOfficeId_key" ON "MutualPair"("month", "testerOfficeId");

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

-- AddForeignKey
ALTER TABLE "Office" ADD CONSTRAINT "Office_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "Authority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Office" ADD CONSTRAINT "Office_peerGroupId_fkey" FOREIGN KEY ("peerGroupId") REFERENCES "PeerGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Extension" ADD CONSTRAINT "Extension_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "Authority"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyVersion" ADD CONSTRAINT "SurveyVersion_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "SurveyDefinition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "SurveyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "SurveyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpCase" ADD CONSTRAINT "FollowUpCase_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpCase" ADD CONSTRAINT "FollowUpCase_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpCase" ADD CONSTRAINT "FollowUpCase_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallPlan" ADD CONSTRAINT "CallPlan_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "Authority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestCall" ADD CONSTRAINT "TestCall_planId_fkey" FOREIGN KEY ("planId") REFERENCES "CallPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestCall" ADD CONSTRAINT "TestCall_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "CourtesyScale"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestCall" ADD CONSTRAINT "TestCall_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestCall" ADD CONSTRAINT "TestCall_evaluatorId_fkey" FOREIGN KEY ("evaluatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestCall" ADD CONSTRAINT "TestCall_calibrationId_fkey" FOREIGN KEY ("calibrationId") REFERENCES "CalibrationSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestCall" ADD CONSTRAINT "TestCall_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_callId_fkey" FOREIGN KEY ("callId") REFERENCES "TestCall"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImprovementReport" ADD CONSTRAINT "ImprovementReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImprovementReport" ADD CONSTRAINT "ImprovementReport_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationSession" ADD CONSTRAINT "CalibrationSession_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalibrationSession" ADD CONSTRAINT "CalibrationSession_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "CourtesyScale"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistRecord" ADD CONSTRAINT "ChecklistRecord_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ChecklistTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistRecord" ADD CONSTRAINT "ChecklistRecord_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MutualPair" ADD CONSTRAINT "MutualPair_testerOfficeId_fkey" FOREIGN KEY ("testerOfficeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MutualPair" ADD CONSTRAINT "MutualPair_testedOfficeId_fkey" FOREIGN KEY ("testedOfficeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
