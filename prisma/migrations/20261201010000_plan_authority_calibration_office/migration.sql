-- A call plan belongs to one authority, unique per (authority, month, kind); a calibration
-- session names its office in its own column instead of on a marker TestCall.

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;

-- RedefineTables: CallPlan gains authorityId.
CREATE TABLE "new_CallPlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "authorityId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'assigned',
    "seed" INTEGER NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CallPlan_authorityId_fkey" FOREIGN KEY ("authorityId") REFERENCES "Authority" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Data: an existing plan keeps its id for the authority of its calls' offices (the lowest
-- authority id when its calls reached several). A plan without calls plans nothing and is
-- dropped.
INSERT INTO "new_CallPlan" ("id", "authorityId", "month", "kind", "seed", "createdById", "createdAt")
SELECT p."id", a."authorityId", p."month", p."kind", p."seed", p."createdById", p."createdAt"
FROM "CallPlan" p
JOIN (
    SELECT t."planId" AS "planId", MIN(o."authorityId") AS "authorityId"
    FROM "TestCall" t JOIN "Office" o ON o."id" = t."officeId"
    WHERE t."planId" IS NOT NULL
    GROUP BY t."planId"
) a ON a."planId" = p."id"
-- An earlier plan of the same month and kind with calls of that authority keeps the place.
WHERE NOT EXISTS (
    SELECT 1 FROM "CallPlan" q
    JOIN "TestCall" tq ON tq."planId" = q."id"
    JOIN "Office" oq ON oq."id" = tq."officeId"
    WHERE q."id" < p."id" AND q."month" = p."month" AND q."kind" = p."kind" AND oq."authorityId" = a."authorityId"
);

-- Data: a plan whose calls reached other authorities too is split, one new plan for each
-- further authority (same month, kind, seed and author).
INSERT INTO "new_CallPlan" ("authorityId", "month", "kind", "seed", "createdById", "createdAt")
SELECT o."authorityId", p."month", p."kind", MIN(p."seed"), MIN(p."createdById"), MIN(p."createdAt")
FROM "TestCall" t
JOIN "Office" o ON o."id" = t."officeId"
JOIN "CallPlan" p ON p."id" = t."planId"
WHERE NOT EXISTS (
    SELECT 1 FROM "new_CallPlan" n WHERE n."authorityId" = o."authorityId" AND n."month" = p."month" AND n."kind" = p."kind"
)
GROUP BY o."authorityId", p."month", p."kind";

-- Data: every planned call moves to the plan of its office's authority.
UPDATE "TestCall" SET "planId" = (
    SELECT n."id" FROM "new_CallPlan" n
    JOIN "CallPlan" p ON p."id" = "TestCall"."planId"
    JOIN "Office" o ON o."id" = "TestCall"."officeId"
    WHERE n."authorityId" = o."authorityId" AND n."month" = p."month" AND n."kind" = p."kind"
)
WHERE "planId" IS NOT NULL;

DROP TABLE "CallPlan";
ALTER TABLE "new_CallPlan" RENAME TO "CallPlan";
CREATE UNIQUE INDEX "CallPlan_authorityId_month_kind_key" ON "CallPlan"("authorityId", "month", "kind");

-- RedefineTables: CalibrationSession gains officeId.
CREATE TABLE "new_CalibrationSession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "officeId" INTEGER NOT NULL,
    "scaleId" INTEGER NOT NULL,
    "partsTested" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CalibrationSession_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CalibrationSession_scaleId_fkey" FOREIGN KEY ("scaleId") REFERENCES "CourtesyScale" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Data: the office comes from the session's marker call (status 'planned'), else from its
-- scores, which all copied it. A session with neither had no office and could never be
-- scored: dropped.
INSERT INTO "new_CalibrationSession" ("id", "title", "scenario", "officeId", "scaleId", "partsTested", "createdAt")
SELECT s."id", s."title", s."scenario", o."officeId", s."scaleId", s."partsTested", s."createdAt"
FROM "CalibrationSession" s
JOIN (
    SELECT t."calibrationId" AS "calibrationId",
           COALESCE(MIN(CASE WHEN t."status" = 'planned' THEN t."officeId" END), MIN(t."officeId")) AS "officeId"
    FROM "TestCall" t
    WHERE t."calibrationId" IS NOT NULL
    GROUP BY t."calibrationId"
) o ON o."calibrationId" = s."id";

DROP TABLE "CalibrationSession";
ALTER TABLE "new_CalibrationSession" RENAME TO "CalibrationSession";

-- Data: the marker calls go; the evaluators' scores (submitted) stay with their session.
DELETE FROM "TestCall" WHERE "calibrationId" IS NOT NULL AND "status" = 'planned';

PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
