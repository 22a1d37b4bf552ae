import { existsSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { createReadableStreamFromReadable, type ActionFunctionArgs } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { migrateDatabase } from "./migrate";

process.env.NODE_ENV ??= "production";
const port = Number(process.env.PORT ?? 3000);
const buildFile = path.resolve("build/index.js");

await migrateDatabase();

// Every database, the demo or an empty production one, starts knowing the shipped calendars.
// Instances starting together take turns, so each year is imported once.
{
  const { seedShippedCalendars } = await import("../../prisma/seed/calendar");
  const { applySqliteSettings, prisma } = await import("../utils/db.server");
  const { oneInstanceAtATime } = await import("../utils/sql-dialect.server");
  await applySqliteSettings(prisma);
  await oneInstanceAtATime("start-up imports", async () => {
    const seeded = await seedShippedCalendars(prisma);
    if (seeded.length > 0) console.log(`Working-day calendars imported: ${seeded.join(", ")}`);
    if (process.env.DEMO_SEED === "1") {
      const { seedDemo } = await import("../../prisma/seed");
      const demo = await seedDemo(prisma);
      if (demo) console.log(`Demo data created: ${JSON.stringify(demo)}`);
    }
  });
}

if (!existsSync(buildFile)) {
  console.log("No build found; running remix build once.");
  const built = spawnSync(path.resolve("node_modules/.bin/remix"), ["build"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const build = await import(pathToFileURL(buildFile).href);
const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy set TRUST_PROXY (e.g. 1) so rate limits see the citizen's address.
app.set("trust proxy", process.env.TRUST_PROXY ? Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY : false);
app.use(compression());
// The guards every request passes before a route: security headers, then (after static
// files) cross-origin writes and oversize bodies.
const { cspNonce, isSignedInRequest, securityHeaders } = await import("../utils/security-headers.server");
const { isCrossOriginWrite } = await import("../utils/same-origin.server");
const { declaredOverLimit, DRAIN_MAX_BYTES } = await import("../utils/body-limit.server");
const { t } = await import("../locales");
// Set once the process is asked to stop (below): a request still arriving on a kept-alive
// connection is answered with that connection closed, so the client's next one goes to an
// instance that stays.
let stopping = false;
app.use((req, res, next) => {
  if (stopping) res.set("Connection", "close");
  res.locals.cspNonce = cspNonce();
  // req.secure honours X-Forwarded-Proto only from a proxy that TRUST_PROXY trusts.
  res.set(securityHeaders({ nonce: res.locals.cspNonce as string, https: req.secure }));
  // A route that sets its own Cache-Control (a public file) replaces this one.
  if (isSignedInRequest(req.get("cookie"))) res.set("Cache-Control", "no-store");
  next();
});
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
// Before any route: a write from another origin's page never reaches an action.
app.use((req, res, next) => {
  const host = app.get("trust proxy") ? (req.get("x-forwarded-host") ?? req.get("host")) : req.get("host");
  if (!isCrossOriginWrite({ method: req.method, header: (name) => req.get(name), host })) return next();
  res.status(403).type("text/plain; charset=utf-8").set("Cache-Control", "no-store").send(t("error.crossOrigin"));
});
// A body larger than its route class allows gets a 413 before any route reads it; one
// that is not too large to skip is read and discarded first, so keep-alive clients are
// not reset, and a larger one is answered with Connection: close.
app.use((req, res, next) => {
  const limit = declaredOverLimit(req.method, req.path, req.get("content-length"));
  if (limit === null) return next();
  const refuse = () =>
    res
      .status(413)
      .set("Cache-Control", "no-store")
      .json({ error: t("error.payloadTooLarge", { kb: Math.round(limit / 1024) }) });
  if (Number(req.get("content-length")) > DRAIN_MAX_BYTES) {
    res.set("Connection", "close");
    return refuse();
  }
  req.on("end", refuse);
  req.resume();
});
const loadContext = (req: express.Request, res: express.Response) => ({ clientIp: req.ip, cspNonce: res.locals.cspNonce as string });
const handleRequest = createRequestHandler({ build, getLoadContext: loadContext });
// Every citizen answer sent by a kiosk or partner app arrives here, far more often than
// any page. Remix 2's router flattens and ranks all routes twice per request (React Router
// fixed that only in 7.x), which cost this route a sixth of its CPU, so the route module's
// own action is called directly: the same code and guards as through Remix, and the same
// reply, a thrown Response included. The action is a plain function of its request; it
// renders nothing, so nothing of Remix's page machinery is skipped.
{
  const route = build.routes["routes/api.v1.channels.$code.responses"]?.module as
    { action?: (args: ActionFunctionArgs) => Promise<Response> } | undefined;
  if (!route?.action) throw new Error("the submission API route is missing from the build");
  const action = route.action;
  app.post("/api/v1/channels/:code/responses", (req, res, next) => {
    // @remix-run/express's own request and reply converters are not in its typed exports.
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
    }
    const request = new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, {
      method: "POST",
      headers,
      body: createReadableStreamFromReadable(req),
      duplex: "half",
    } as RequestInit);
    Promise.resolve()
      .then(() => action({ request, params: { code: req.params.code }, context: loadContext(req, res) }))
      .catch((thrown: unknown) => {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      })
      // The action's replies are small JSON bodies: read whole, sent in one write.
      .then(async (response: Response) => {
        res.status(response.status);
        response.headers.forEach((value, name) => res.append(name, value));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(next);
  });
}
// Express 4 ignores a handler's rejected promise; pass it on so the request still ends.
app.all("*", (req, res, next) => {
  handleRequest(req, res, next).catch(next);
});

const { listenHost } = await import("../utils/env.server");
const host = listenHost({ HOST: process.env.HOST, TRUST_PROXY: process.env.TRUST_PROXY });
const onListening = () => console.log(`服務品質平台 listening on http://${host ?? "localhost"}:${port}`);
const server = host ? app.listen(port, host, onListening) : app.listen(port, onListening);

// Report jobs left queued by a restart, or by another instance, are picked up from the start.
const { reportWorker } = await import("../modules/reports/report-worker.server");
reportWorker();

/**
 * A stop (systemd, a rolling deploy behind the load balancer) takes no new connection but
 * lets every request in flight finish, so a citizen whose answer was being stored gets its
 * reply and the write queue commits what it holds; then the running report job ends and
 * the database is closed. Longer than the grace, the process ends anyway: nothing
 * unacknowledged is lost, and another instance takes the report job up again.
 */
const SHUTDOWN_GRACE_MS = 25_000;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing the requests in flight`);
  setTimeout(() => {
    console.error(`Requests still running after ${SHUTDOWN_GRACE_MS / 1000} s: ending anyway.`);
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  // close() ends the connections idle now; those busy now are ended as they fall idle.
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  await new Promise((resolve) => server.close(resolve));
  clearInterval(idle);
  await reportWorker().stop();
  const { prisma } = await import("../utils/db.server");
  await prisma.$disconnect();
  console.log("Stopped.");
  process.exit(0);
}
// Kept for every signal, not once: under `npm start`, tsx relays the signal that a service
// manager also sends the whole process group, and a second one must not end the stop.
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
