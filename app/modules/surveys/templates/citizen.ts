import { freeComment, likert } from "./likert";

/** Citizen satisfaction (民眾滿意度): the four dimensions the service-quality plans require, and overall. */
export const citizenSatisfaction = {
  title: "洽公民眾滿意度調查",
  description: "感謝您撥冗填答，本問卷採匿名方式，約需 1 分鐘。",
  showQuestionNumbers: "off",
  completeText: "送出",
  pageNextText: "下一頁",
  pagePrevText: "上一頁",
  showProgressBar: "top",
  pages: [
    {
      name: "visit",
      title: "洽公環境與服務禮儀",
      elements: [
        {
          type: "radiogroup",
          name: "purpose",
          title: "今天洽辦的業務（選填）",
          choices: [
            { value: "registration", text: "戶籍或證明文件" },
            { value: "social", text: "社會福利" },
            { value: "civil", text: "兵役或民政業務" },
            { value: "consult", text: "諮詢或查詢" },
          ],
          showOtherItem: true,
          otherText: "其他",
        },
        likert("env_clean", "洽公環境整潔、舒適", "environment"),
        likert("env_signs", "指標及動線清楚易找", "environment"),
        likert("env_facilities", "便民設施（座椅、飲水、哺集乳室等）完善", "environment"),
        likert("courtesy_attitude", "服務人員態度親切有禮", "courtesy"),
        likert("courtesy_active", "服務人員主動協助、耐心說明", "courtesy"),
      ],
    },
    {
      name: "service",
      title: "服務專業與整體滿意度",
      elements: [
        likert("prof_knowledge", "服務人員具備專業知識", "professionalism"),
        likert("prof_efficiency", "業務辦理迅速有效率", "professionalism"),
        likert("prof_clarity", "說明清楚、一次告知所需文件", "professionalism"),
        likert("measures_online", "線上申辦及預約服務便利", "measures"),
        likert("measures_info", "業務資訊公開、容易取得", "measures"),
        likert("overall", "整體而言，您對本次服務的滿意程度", "overall"),
        freeComment("comment", "其他意見或建議（選填）"),
        {
          type: "boolean",
          name: "contact_consent",
          title: "是否願意留下聯絡方式，讓我們回覆您的意見？",
          labelTrue: "願意",
          labelFalse: "不用",
        },
        {
          type: "text",
          name: "contact_name",
          title: "稱呼",
          visibleIf: "{contact_consent} = true",
          isRequired: true,
          isPersonalData: true,
          maxLength: 40,
          validators: [{ type: "text", maxLength: 40 }],
        },
        {
          type: "text",
          name: "contact_phone",
          title: "電話或電子郵件",
          visibleIf: "{contact_consent} = true",
          isRequired: true,
          isPersonalData: true,
          maxLength: 80,
          validators: [{ type: "text", minLength: 6, maxLength: 80 }],
        },
      ],
    },
    {
      name: "about",
      title: "基本資料（選填，僅供統計分析）",
      elements: [
        {
          type: "radiogroup",
          name: "gender",
          title: "性別",
          isDemographic: true,
          choices: [
            { value: "female", text: "女" },
            { value: "male", text: "男" },
            { value: "other", text: "其他／不願透露" },
          ],
        },
        {
          type: "dropdown",
          name: "age",
          title: "年齡",
          isDemographic: true,
          choices: [
            { value: "under20", text: "未滿 20 歲" },
            { value: "20-29", text: "20-29 歲" },
            { value: "30-39", text: "30-39 歲" },
            { value: "40-49", text: "40-49 歲" },
            { value: "50-64", text: "50-64 歲" },
            { value: "65+", text: "65 歲以上" },
          ],
        },
      ],
    },
  ],
};
