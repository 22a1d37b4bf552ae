import path from "node:path";
import { restoreDatabase } from "../modules/backup/backup.server";
import { databaseFile } from "../utils/database-url";

// npm run db:restore -- FILE: replaces DATABASE_URL with a backup. Stop the server first.
const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:restore -- FILE (stop the server first)");
  process.exit(2);
}
try {
  const target = databaseFile();
  const { kept } = await restoreDatabase(path.resolve(file), target);
  console.log(`Restored ${path.resolve(file)} into ${target}${kept ? `; the replaced database is kept as ${kept}` : ""}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
