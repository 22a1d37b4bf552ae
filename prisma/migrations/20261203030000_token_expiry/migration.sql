-- Tokens expire; those made before this change run out 90 days from now.
ALTER TABLE "ApiToken" ADD COLUMN "expiresAt" DATETIME;
UPDATE "ApiToken" SET "expiresAt" = datetime('now', '+90 days') WHERE "expiresAt" IS NULL;
