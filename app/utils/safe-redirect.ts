const BASE = "http://internal.invalid";

/**
 * A redirect target only ever stays on this site. Browsers read a backslash as a slash
 * and drop tabs and newlines from URLs, so "/\evil.example" and "/<TAB>/evil.example"
 * become protocol-relative links to another host: anything but a plain absolute path is
 * refused, and what is left must still resolve to our own origin.
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  if (/[\\\u0000-\u0020\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : fallback;
}
