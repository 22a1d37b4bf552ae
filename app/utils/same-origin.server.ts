/** Methods that only read; every other method may change something. */
const READ_ONLY = new Set(["GET", "HEAD", "OPTIONS"]);

type IncomingWrite = { method: string; header: (name: string) => string | undefined; host: string | undefined };

/**
 * Whether a request that may change something came from a page of another origin, and must
 * be refused before any route runs. SameSite=Lax cookies still travel from another port of
 * the same host, and Remix checks no origin on fetcher (`?_data=`) or JSON posts, so this
 * covers every path. Browsers say where a request comes from in Sec-Fetch-Site, and older
 * ones in Origin; a client that sends neither (a script with a bearer token, curl) is no
 * browser a page could drive, so it passes.
 */
export function isCrossOriginWrite(req: IncomingWrite): boolean {
  if (READ_ONLY.has(req.method.toUpperCase())) return false;
  const site = req.header("sec-fetch-site");
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  const origin = req.header("origin");
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== req.host;
  } catch {
    // "null" (a sandboxed frame, a data: page) or garbage: not our page.
    return true;
  }
}
