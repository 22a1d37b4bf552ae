import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { startServer, type RunningServer } from "../support/server";
import { RATED } from "../support/citizen";

/**
 * A stop as systemd or a rolling deploy sends it (SIGTERM) to the production server while
 * citizens' answers are on their way: each request already being received is still read,
 * stored and answered, a new connection is refused, kept-alive connections do not hold the
 * stop up, and the process ends by itself with exit code 0.
 */
let server: RunningServer | undefined;
afterAll(() => server?.kill());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A submission whose body is sent in two halves, the second when `finish` is called. */
function halfSent(url: string, marker: string, agent: http.Agent) {
  const body = Buffer.from(JSON.stringify({ answers: { ...Object.fromEntries(RATED.map((n) => [n, 4])), comment: marker } }));
  const target = new URL("/api/v1/channels/demo/responses", url);
  let finish = () => {};
  const reply = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      target,
      { method: "POST", agent, headers: { "Content-Type": "application/json", "Content-Length": body.length } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.write(body.subarray(0, body.length >> 1));
    finish = () => request.end(body.subarray(body.length >> 1));
  });
  return { reply, finish: () => finish() };
}

describe("stopping the production server", () => {
  it("finishes the submissions in flight, refuses new connections and exits with 0", async () => {
    server = await startServer();
    // Kept-alive connections, as a kiosk's or partner app's client keeps them: one request
    // first, whose connection then stays open and idle, and the submissions on others.
    const agent = new http.Agent({ keepAlive: true });
    const idle = await new Promise<number>((resolve, reject) =>
      http
        .get(new URL("/s/demo", server!.url), { agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        })
        .on("error", reject),
    );
    expect(idle).toBe(200);

    const marker = `graceful-${Date.now()}`;
    const inFlight = Array.from({ length: 6 }, (_, i) => halfSent(server!.url, `${marker}-${i}`, agent));
    // The server has the headers and half of each body when the stop arrives.
    await sleep(300);
    const stopped = server.stop();
    await sleep(300);
    await expect(fetch(`${server.url}/s/demo`)).rejects.toThrow();

    for (const request of inFlight) request.finish();
    const replies = await Promise.all(inFlight.map((r) => r.reply));
    expect(replies.map((r) => r.status)).toEqual(inFlight.map(() => 201));
    const answered = Date.now();
    expect(await stopped).toBe(0);
    // Not held up by the connections those replies left idle: waiting for them would take
    // Node's keep-alive timeout, 5 s; the stop closes them as soon as they fall idle.
    expect(Date.now() - answered).toBeLessThan(5_000);
    agent.destroy();
    server = undefined;

    const ids = replies.map((r) => (JSON.parse(r.body) as { id: number }).id);
    const stored = await prisma.response.findMany({
      where: { id: { in: ids } },
      select: { answers: true, _count: { select: { answerRows: true } } },
    });
    expect(stored.map((r) => (JSON.parse(r.answers) as { comment: string }).comment).sort()).toEqual(
      inFlight.map((_, i) => `${marker}-${i}`).sort(),
    );
    expect(stored.every((r) => r._count.answerRows === RATED.length)).toBe(true);
  }, 240_000);
});
