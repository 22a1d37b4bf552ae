-- "Was this questionnaire version answered at these offices?" and "did this channel get
-- answers in these months?" become index lookups instead of scans of every response.
CREATE INDEX "Response_versionId_officeId_idx" ON "Response"("versionId", "officeId");
CREATE INDEX "Response_channelId_month_idx" ON "Response"("channelId", "month");
