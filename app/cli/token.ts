import { parseArgs } from "node:util";
import { createApiToken, MAX_TOKEN_DAYS, TOKEN_DAYS } from "../modules/org/tokens.server";
import { prisma } from "../utils/db.server";

// npm run token -- --email USER [--label TEXT] [--days N]: prints a new API token for that user.
const { values } = parseArgs({ options: { email: { type: "string" }, label: { type: "string" }, days: { type: "string" } } });
const days = Number(values.days ?? TOKEN_DAYS);
if (!values.email || !Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
  console.error(`Usage: npm run token -- --email USER [--label TEXT] [--days 1..${MAX_TOKEN_DAYS}, default ${TOKEN_DAYS}]`);
  process.exit(2);
}
const user = await prisma.user.findUnique({ where: { email: values.email.trim().toLowerCase() }, select: { id: true, active: true } });
if (!user || !user.active) {
  console.error(`No active user with e-mail ${values.email}`);
  process.exit(1);
}
console.log(await createApiToken(prisma, user.id, values.label ?? "cli", days));
await prisma.$disconnect();
