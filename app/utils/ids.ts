/**
 * A database id as it arrives in a URL or a form: a positive integer of at most nine digits,
 * so it fits the 32-bit integer columns. "0", "007", "1e3" and "-1" are not ids.
 */
const ID = /^[1-9]\d{0,8}$/;

export function parseId(value: unknown): number | null {
  return typeof value === "string" && ID.test(value) ? Number(value) : null;
}
