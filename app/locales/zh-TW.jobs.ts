/** Messages of report jobs: printing PDFs and the background queue that builds long reports. */
export const jobMessages = {
  "report.pdf.footer": "第 {page} 頁，共 {pages} 頁",
  "report.pdf.noChromium": "伺服器未安裝 Chromium，無法產生 PDF。",
  "report.job.failed": "報表產生失敗，請稍後再試或洽系統管理者。",
} as const;
