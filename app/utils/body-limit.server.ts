/** Bodies up to this size are read to the end and thrown away before a 413, so the connection stays usable. */
export const DRAIN_MAX_BYTES = 4 * 1024 * 1024;

const KB = 1024;

/**
 * The largest body a path takes, by route class: the public survey and API endpoints and
 * the login form take small ones; staff forms a little more; the admin's questionnaire
 * and calendar uploads the most. Routes check their own tighter limits on top.
 */
export function bodyLimit(pathname: string): number {
  if (pathname.startsWith("/admin/")) return 1024 * KB;
  if (pathname.startsWith("/api/") || pathname.startsWith("/s/") || pathname === "/login") return 64 * KB;
  return 256 * KB;
}

/** The limit a write's declared Content-Length exceeds, or null when it fits (or declares none). */
export function declaredOverLimit(method: string, pathname: string, contentLength: string | undefined): number | null {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS" || contentLength === undefined) return null;
  const declared = Number(contentLength);
  const limit = bodyLimit(pathname);
  return Number.isFinite(declared) && declared > limit ? limit : null;
}
