/** Messages of the analysts' dashboard and the annual trend report. */
export const reportMessages = {
  "report.error.scope": "請以 authority（機關群）或 office（機關）其中一個參數指定報表範圍，值須為正整數代碼。",
  "report.error.year": "年度須為 {from} 至 {to} 之間的西元年（四位數字）。",
  "report.error.format": "格式須為 pdf、ods、xlsx 或 csv 其中之一。",
  "report.error.noAuthority": "找不到這個機關群。",
  "report.error.noOffice": "找不到這個機關。",
  "report.error.noQuestionnaire": "尚未建立民眾滿意度問卷，無法產生報表。",
} as const;
