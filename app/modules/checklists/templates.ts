/**
 * On-site checklist templates (巡檢表): versioned data, like the courtesy scales. A record
 * keeps the template version it was filled in with, so nothing here may assume the
 * built-in templates below.
 *
 * A template has groups of yes/no items checked in one or more time slots (巡檢時段);
 * each item in each slot is one check worth one point, 不適用 leaves the maximum. Fields
 * (recommended staff, volunteers, visit facts) are recorded but never scored.
 */

export type ChecklistKind = "checklist" | "mystery-visit";

export type ChecklistItem = { key: string; label: string };
export type ChecklistGroup = { key: string; label: string; items: ChecklistItem[] };
export type ChecklistSlot = { key: string; label: string };
export type ChoiceOption = { value: string; label: string };

export type ChecklistField =
  | { type: "text"; key: string; label: string; maxLength: number; required?: boolean }
  | { type: "number"; key: string; label: string; min: number; max: number; required?: boolean }
  | { type: "time"; key: string; label: string; required?: boolean }
  | { type: "choice"; key: string; label: string; choices: ChoiceOption[]; required?: boolean }
  /** Up to `max` short names (e.g. staff recommended for praise); at least `min`. */
  | { type: "names"; key: string; label: string; min: number; max: number };

export type ChecklistSection = { key: string; title: string; placement: "before" | "after"; fields: ChecklistField[] };

export type ChecklistTemplateDef = {
  key: string;
  version: number;
  title: string;
  kind: ChecklistKind;
  /** One slot for a single visit; the duty officer's log has five a day. */
  slots: ChecklistSlot[];
  groups: ChecklistGroup[];
  sections: ChecklistSection[];
  /** Title of the free-text remarks stored as the record's notes. */
  notesLabel: string;
};

const items = (prefix: string, labels: string[]): ChecklistItem[] =>
  labels.map((label, i) => ({ key: `${prefix}${String(i + 1).padStart(2, "0")}`, label }));

/**
 * 巡迴值星人員工作日志, the duty officer's log as 臺北市萬華區公所 keeps it: 14 environment items,
 * 28 facilities for citizens, 5 staff etiquette, checked in the five slots of the office
 * day (the lunch hour included, when the counters run with fewer staff), then recommended
 * staff, the volunteer on duty, and incidents.
 */
export const dutyLogTemplate: ChecklistTemplateDef = {
  key: "duty-log",
  version: 1,
  title: "巡迴值星人員工作日誌",
  kind: "checklist",
  slots: [
    { key: "s0830", label: "08:30 至 10:30" },
    { key: "s1030", label: "10:30 至 12:30" },
    { key: "s1230", label: "12:30 至 13:30" },
    { key: "s1330", label: "13:30 至 15:30" },
    { key: "s1530", label: "15:30 至 17:30" },
  ],
  groups: [
    {
      key: "env",
      label: "一、環境",
      items: items("env", [
        "服務場所設置之停車空間環境整潔，無堆放雜物",
        "服務場所設置之停車空間車輛停放情形良好（無違規停放、無占用無障礙停車位）",
        "服務場所通道動線、樓梯間及逃生門無堆放雜物，進出順暢",
        "服務場所消防設備（含滅火器、手動警報機、消防栓）前無堆放雜物",
        "服務場所內環境整潔",
        "服務場所公布欄（含電子式）無污損",
        "服務場所內照明設備完整無閃爍",
        "服務場所內植物或盆栽無枯黃（超過2/3）及整潔",
        "飲水設備有定期檢查表，並依紀錄表落實巡檢、保養作業",
        "飲水設備清潔無損壞或腐蝕情形",
        "廁所清潔紀錄表依規定填寫及落實巡檢",
        "廁所內環境整潔乾淨",
        "廁所設有置物架、掛鉤或置物檯等設備，且無損壞情形",
        "廁所提供衛生紙",
      ]),
    },
    {
      key: "fac",
      label: "二、便民措施與設施",
      items: items("fac", [
        "服務場所設有無障礙停車位",
        "服務場所設有無障礙坡道",
        "服務場所設置服務鈴",
        "機關招牌掛置明顯、規劃整齊、字體清晰",
        "服務場所設有服務場所配置圖",
        "依服務場所實際需要規劃設置服務臺或櫃檯",
        "服務場所入口處（或櫃檯）標示服務時間或業務受理時間",
        "提供抽號碼機及叫號燈（或排隊等候規劃措施）",
        "服務場所（含櫃檯、窗口）各類標示掛置明顯、規劃整齊、字體清晰",
        "服務場所提供中英文對照標示",
        "服務臺、櫃檯均標示工作人員名牌",
        "無人在位櫃檯，均清楚標明代理人或代理窗口",
        "現場民眾等候時間逾10分鐘時，機關提供疏導機制或其他人員協助支援",
        "提供等候座椅",
        "提供飲水設備（或茶水）",
        "提供書報雜誌或電視機",
        "提供哺集乳室",
        "服務場所設有無障礙廁所",
        "服務場所內（梯間、廁所等）設有防滑或其他安全提醒措施",
        "提供書寫檯及文具",
        "提供電腦查詢或輔助系統",
        "提供免費無線上網",
        "提供意見箱及意見調查表",
        "提供其他便利措施（老花眼鏡、輪椅、影印服務為必備項目）",
        "服務場所宣導資料放置位置明顯適宜、分類清楚並排放整齊",
        "服務場所宣導資料內容符合時宜（未過時）",
        "提供正確申請案件相關資訊（處理時限表、申請書表、填寫範例為必備項目）",
        "提供服務場所各項設備之使用說明",
      ]),
    },
    {
      key: "etq",
      label: "三、人員基本服務禮儀",
      items: items("etq", [
        "服務人員均配戴識別證、名牌（或穿著制服、工作背心）",
        "服務人員穿著乾淨整齊（無穿著汗衫、內衣或拖鞋等情形）",
        "服務人員於服務過程能說您好、請稍後、謝謝、不客氣、再見等禮貌性用語",
        "服務人員主動詢問服務需求",
        "服務人員相關諮詢服務嫻熟或受（處）理案件專業",
      ]),
    },
  ],
  sections: [
    {
      key: "staff",
      title: "四、優良服務人員",
      placement: "after",
      fields: [{ type: "names", key: "recommendedStaff", label: "推薦優良服務人員（請推薦1-3名，填課室及姓名）", min: 1, max: 3 }],
    },
    {
      key: "volunteer",
      title: "五、志工服勤考核",
      placement: "after",
      fields: [
        { type: "text", key: "volunteerName", label: "服勤志工姓名", maxLength: 50 },
        {
          type: "choice",
          key: "volunteerVest",
          label: "穿戴背心與識別證",
          choices: [
            { value: "yes", label: "是" },
            { value: "no", label: "否" },
          ],
        },
        { type: "choice", key: "volunteerMorning", label: "上午出勤狀況（08:30~11:30）", choices: attendance() },
        { type: "choice", key: "volunteerAfternoon", label: "下午出勤狀況（13:30~16:30）", choices: attendance() },
        {
          type: "choice",
          key: "volunteerService",
          label: "奉茶、引導情形",
          choices: [
            { value: "good", label: "良好" },
            { value: "fair", label: "尚可" },
            { value: "poor", label: "待加強" },
          ],
        },
      ],
    },
  ],
  notesLabel: "六、突發狀況紀錄與建議事項",
};

function attendance(): ChoiceOption[] {
  return [
    { value: "normal", label: "出勤正常" },
    { value: "abnormal", label: "出勤異常" },
    { value: "none", label: "未排班" },
  ];
}

/**
 * 神秘客實地訪查: one unannounced visit as a citizen with a real errand, following the
 * visit from the door to the counter. Items mirror the survey dimensions (洽公環境,
 * 服務禮儀, 服務專業性, 服務措施) so results read alongside citizens' answers.
 */
export const mysteryVisitTemplate: ChecklistTemplateDef = {
  key: "mystery-visit",
  version: 1,
  title: "神秘客實地訪查表",
  kind: "mystery-visit",
  slots: [{ key: "visit", label: "訪查" }],
  groups: [
    {
      key: "arr",
      label: "一、到達與引導",
      items: items("arr", [
        "機關入口及招牌標示清楚，容易找到服務場所",
        "進門後服務台或志工主動招呼、詢問需求並引導",
        "服務場所配置圖及各櫃檯業務標示清楚易懂",
        "依洽辦業務提供取號或排隊動線引導",
      ]),
    },
    {
      key: "wait",
      label: "二、等候",
      items: items("wait", [
        "叫號系統運作正常，號碼顯示清楚",
        "自取號至開始受理等候未逾15分鐘",
        "等候逾10分鐘時，有疏導機制或人員支援",
        "等候區座椅、飲水、書寫檯等設施充足可用",
      ]),
    },
    {
      key: "ctr",
      label: "三、櫃檯服務禮儀",
      items: items("ctr", [
        "承辦人員配戴識別證或名牌",
        "承辦人員主動問候並詢問洽辦事項",
        "說話語氣親切、音量適中、態度耐心",
        "服務過程專注，未處理私事或與同事閒聊",
        "結束時有禮貌性用語（謝謝、再見、慢走）",
      ]),
    },
    {
      key: "pro",
      label: "四、服務專業性",
      items: items("pro", [
        "正確說明應備文件及辦理流程",
        "一次告知所需補正事項，不需往返",
        "無法當場辦理時，清楚說明原因並提供替代方案或轉介",
        "案件於公告處理時限內辦結或告知預計完成時間",
      ]),
    },
    {
      key: "env",
      label: "五、洽公環境",
      items: items("env", ["洽公環境整潔明亮，通道無堆放雜物", "無障礙設施（坡道、廁所、服務鈴）可正常使用", "廁所清潔並備有衛生紙"]),
    },
  ],
  sections: [
    {
      key: "visit",
      title: "訪查資訊",
      placement: "before",
      fields: [
        { type: "time", key: "arrivedAt", label: "抵達時間", required: true },
        { type: "text", key: "errand", label: "洽辦業務（例：申請戶籍謄本）", maxLength: 100, required: true },
        { type: "number", key: "waitMinutes", label: "等候時間（分鐘）", min: 0, max: 300, required: true },
        { type: "text", key: "counter", label: "受理櫃檯或承辦人（選填）", maxLength: 50 },
      ],
    },
  ],
  notesLabel: "訪查紀要與建議事項",
};

export const BUILTIN_TEMPLATES: readonly ChecklistTemplateDef[] = [dutyLogTemplate, mysteryVisitTemplate];

export const CHECKLIST_KINDS: readonly ChecklistKind[] = ["checklist", "mystery-visit"];

/** Every item key with its group, in template order. */
export function templateItems(template: ChecklistTemplateDef): Array<ChecklistItem & { group: ChecklistGroup }> {
  return template.groups.flatMap((group) => group.items.map((item) => ({ ...item, group })));
}

/** Throws a RangeError when a stored or edited template cannot be filled in or scored. */
export function validateTemplate(template: ChecklistTemplateDef): void {
  if (!CHECKLIST_KINDS.includes(template.kind)) throw new RangeError(`unknown checklist kind "${String(template.kind)}"`);
  if (template.slots.length === 0) throw new RangeError(`template ${template.key} has no time slots`);
  const names = new Set<string>([NOTES_FIELD]);
  const unique = (name: string) => {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new RangeError(`key "${name}" must be letters and digits`);
    if (names.has(name)) throw new RangeError(`key "${name}" is used twice in template ${template.key}`);
    names.add(name);
  };
  template.slots.forEach((s) => unique(s.key));
  template.groups.forEach((g) => unique(g.key));
  if (templateItems(template).length === 0) throw new RangeError(`template ${template.key} has no items`);
  templateItems(template).forEach((i) => unique(i.key));
  template.sections.forEach((s) => s.fields.forEach((f) => unique(f.key)));
}

/** Name of the free-text remarks question, stored in the record's notes column. */
export const NOTES_FIELD = "notes";
