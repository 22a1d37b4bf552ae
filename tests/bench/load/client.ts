// A closed-loop load generator on Node's own http client: `connections` keep-alive
// connections, each sending its next request as soon as the previous one is answered.
import http from "node:http";

export type LoadResult = {
  connections: number;
  seconds: number;
  /** Answered 2xx. */
  ok: number;
  /** Answered with another status. */
  refused: number;
  /** No answer within the timeout, or the connection failed. */
  unanswered: number;
  latenciesMs: number[];
  /** The request numbers (`n` of `body(n)`) that got a 2xx: what the server acknowledged. */
  acknowledged: number[];
};

export type LoadOptions = {
  url: string;
  connections: number;
  seconds: number;
  body: (n: number) => string;
  headers?: (n: number) => Record<string, string>;
  timeoutMs?: number;
  /** Stops early (a kill round) without counting the requests cut off as answered. */
  signal?: AbortSignal;
};

function send(agent: http.Agent, url: URL, body: string, headers: Record<string, string>, timeoutMs: number) {
  return new Promise<number | null>((resolve) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(null));
        res.resume();
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on("error", () => resolve(null));
    req.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { connections, seconds, timeoutMs = 10_000 } = options;
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const result: LoadResult = { connections, seconds, ok: 0, refused: 0, unanswered: 0, latenciesMs: [], acknowledged: [] };
  const ends = performance.now() + seconds * 1000;
  let next = 0;
  const worker = async () => {
    while (performance.now() < ends && !options.signal?.aborted) {
      const n = next++;
      const started = performance.now();
      const status = await send(agent, url, options.body(n), options.headers?.(n) ?? {}, timeoutMs);
      if (options.signal?.aborted && status === null) return;
      result.latenciesMs.push(performance.now() - started);
      if (status === null) result.unanswered += 1;
      else if (status >= 200 && status < 300) {
        result.ok += 1;
        result.acknowledged.push(n);
      } else result.refused += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  return result;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summary(r: LoadResult) {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  return {
    perSecond: r.ok / r.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    refused: r.refused,
    unanswered: r.unanswered,
  };
}
