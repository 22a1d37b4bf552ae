import { parseArgs } from "node:util";
import { audit } from "../modules/org/audit.server";
import { hashPassword } from "../modules/org/passwords.server";
import { passwordProblem } from "../modules/org/password-policy";
import { prisma } from "../utils/db.server";
import { migrateDatabase } from "./migrate";

// npm run admin -- --email EMAIL --password PASSWORD [--name NAME]
// Creates the first administrator of a production database, which starts empty.
const { values } = parseArgs({ options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } } });
const email = values.email?.trim().toLowerCase() ?? "";
if (!/^[^@\s]+@[^@\s]+$/.test(email) || values.password === undefined) {
  console.error("Usage: npm run admin -- --email EMAIL --password PASSWORD (at least 10 characters) [--name NAME]");
  process.exit(2);
}
const weak = passwordProblem(values.password, email);
if (weak) {
  console.error(weak);
  process.exit(2);
}
await migrateDatabase();
if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
  console.error(`A user with e-mail ${email} already exists`);
  process.exit(1);
}
const user = await prisma.user.create({
  data: { email, name: values.name ?? "系統管理者", role: "admin", passwordHash: await hashPassword(values.password as string) },
  select: { id: true },
});
await audit(prisma, {
  actorId: null,
  action: "user.create",
  entity: "User",
  entityId: user.id,
  data: { email, role: "admin", via: "cli" },
});
console.log(`Administrator ${email} created.`);
await prisma.$disconnect();
