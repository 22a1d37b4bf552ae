/** Seconds a kiosk's thank-you page stays up before the questionnaire resets for the next citizen. */
export const KIOSK_RESET_SECONDS = 8;

/** A kiosk's own name for itself (e.g. `counter-3`), given in its address as `?device=`. */
export const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The query string that keeps a kiosk's device id from page to page. */
export function deviceQuery(device: string | null): string {
  return device ? `?device=${encodeURIComponent(device)}` : "";
}
