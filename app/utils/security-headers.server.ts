import { randomBytes } from "node:crypto";

/** A fresh value per response: only scripts carrying it run, so an injected script never does. */
export function cspNonce(): string {
  return randomBytes(16).toString("base64");
}

const HSTS_MAX_AGE = 60 * 60 * 24 * 365;

/**
 * The headers every response carries. Scripts run only from our origin or with this
 * response's nonce (Remix's own inline scripts get it); SurveyJS and chart.js need no
 * eval. Inline styles stay allowed because SurveyJS and React set style attributes. No
 * other site may frame a page (clickjacking a signed-in manager's follow-up form), and
 * HSTS is sent only where the request really came over HTTPS.
 */
export function securityHeaders(o: { nonce: string; https: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    ...(o.https ? { "Strict-Transport-Security": `max-age=${HSTS_MAX_AGE}; includeSubDomains` } : {}),
  };
}

/** Pages and exports for a signed-in person show citizens' contact details: no cache keeps them. */
export function isSignedInRequest(cookieHeader: string | undefined): boolean {
  return /(?:^|;\s*)sqp_session=/.test(cookieHeader ?? "");
}
