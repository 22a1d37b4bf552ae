/** The formats an annual report downloads in; shared by the page and the server. */
export const REPORT_FORMATS = ["pdf", "ods", "xlsx", "csv"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The longest analyst note a report keeps: a few pages of text. */
export const MAX_NOTE_CHARS = 10_000;
