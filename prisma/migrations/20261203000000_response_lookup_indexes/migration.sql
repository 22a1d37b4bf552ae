-- "Was this questionnaire version answered at these offices?" and "did this channel get
-- answers in these months?" become index lookups instead of scans of every response; a
-- response's answers are found by its id, so joining the two never scans all answers.
CREATE INDEX "Response_versionId_officeId_idx" ON "Response"("versionId", "officeId");
CREATE INDEX "Response_channelId_month_idx" ON "Response"("channelId", "month");
CREATE INDEX "Answer_responseId_idx" ON "Answer"("responseId");
