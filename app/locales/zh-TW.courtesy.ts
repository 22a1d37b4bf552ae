/** Call plans per authority, the evaluator's scoring screen and improvement reports. */
export const courtesyMessages = {
  "plan.error.noAuthority": "尚未建立上級機關，無法產生排程。",
  "plan.authority": "上級機關",
  "plan.showAuthority": "查看",
  "plan.forAuthority": "排程與互測配對的上級機關：{authority}",
  "improvement.calls": "依據 {count} 通測試電話",
  "scoring.submit": "送出評分",
  "scoring.rings": "響鈴聲數",
  "scoring.seconds": "接聽前等候秒數",
  "scoring.part": "{part}（{points} 分）",
  "scoring.item": "{item}（{points} 分）",
  "scoring.itemAutoFail": "{item}（{points} 分）　※ 0 分則整通電話 0 分",
  "scoring.comment": "整體紀錄（選填）",
  "evaluator.error.notYet": "這通電話排定於 {date}，當天起才能評分與送出。",
  "evaluator.error.noteRequired": "「{item}」有扣分，請填寫扣分說明。",
  "evaluator.notYet": "這通電話排定於 {date}，{date} 起才能評分。",
} as const;
