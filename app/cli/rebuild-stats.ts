import { rebuildMonthlyStats } from "../modules/reports/monthly-stats.server";
import { prisma } from "../utils/db.server";

// npm run stats:rebuild: recomputes the monthly statistics from the raw answer rows, in one
// transaction so the figures never show a half-built table.
const started = Date.now();
const counts = await prisma.$transaction((tx) => rebuildMonthlyStats(tx), { timeout: 600_000 });
console.log(`Rebuilt ${counts.stats} monthly statistics and ${counts.options} option counts in ${Date.now() - started} ms.`);
await prisma.$disconnect();
