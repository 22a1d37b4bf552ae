import path from "node:path";
import { parseArgs } from "node:util";
import { backupDatabase } from "../modules/backup/backup.server";
import { databaseFile } from "../utils/database-url";

// npm run db:backup [-- --dir DIR]: an online backup of DATABASE_URL, safe while the server runs.
const { values } = parseArgs({ options: { dir: { type: "string" } } });
const source = databaseFile();
const dir = path.resolve(values.dir ?? path.join(path.dirname(source), "backups"));
try {
  console.log(await backupDatabase(source, dir));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
