const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (= + - @ at the
 * start) gets a leading apostrophe: citizens' free text ends up in analysts' Excel. A number
 * written as text ("-0.012300", kept with its decimals) is not a formula and stays as it is.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = Array.isArray(value) ? value.join(";") : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** Excel reads UTF-8 CSV correctly only with a byte-order mark. */
export const UTF8_BOM = "\uFEFF";
