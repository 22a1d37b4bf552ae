import { parseMonth } from "~/utils/dates";

/**
 * Test-call questions per office kind (測試題庫), with the answer a unit should give.
 * Answers state national rules that were stable when written; fees and subsidies change,
 * so an office's admin is expected to review the bank every month, as offices do with theirs.
 */

export type QuestionKind = "district" | "household";

export type Question = {
  /** Stable: test records refer to it. */
  id: string;
  kind: QuestionKind;
  topic: string;
  /** The unit (課室) the switchboard should transfer to. */
  unitHint: string;
  question: string;
  expectedAnswer: string;
};

type Entry = Omit<Question, "id" | "kind">;

const district: Entry[] = [
  {
    topic: "低收入戶申請",
    unitHint: "社會課",
    question: "請問要申請低收入戶，需要準備哪些資料？",
    expectedAnswer:
      "向戶籍所在地區公所社會課申請，備申請表、申請人身分證及印章、全戶戶籍資料、金融機構存摺封面影本；有工作能力而未就業者另附相關證明。公所會調查家庭總收入及動產、不動產後核定。",
  },
  {
    topic: "中低收入老人生活津貼",
    unitHint: "社會課",
    question: "我媽媽今年65歲，想問中低收入老人生活津貼怎麼申請？",
    expectedAnswer:
      "年滿65歲、設籍並實際居住本市，且家庭總收入及財產符合標準者，可由本人或家屬向戶籍地區公所社會課申請，備申請表、身分證、印章及本人存摺封面影本，經審核通過後按月撥入帳戶。",
  },
  {
    topic: "急難救助",
    unitHint: "社會課",
    question: "家裡主要賺錢的人突然重病住院，生活有困難，公所有什麼協助嗎？",
    expectedAnswer:
      "可向戶籍地區公所社會課申請急難救助，備申請表、身分證、戶口名簿、診斷證明書等事由證明及存摺封面影本；公所會派員訪視，並視情況轉介社會局其他扶助資源。",
  },
  {
    topic: "身心障礙證明",
    unitHint: "社會課",
    question: "第一次申請身心障礙證明，流程是什麼？",
    expectedAnswer:
      "攜身分證（未滿14歲者攜戶口名簿）及最近3個月內1吋半身照片3張至區公所申請，領取鑑定表後到指定醫院鑑定；鑑定結果送衛生局，經需求評估後核發證明。",
  },
  {
    topic: "役男出境",
    unitHint: "兵役課",
    question: "我兒子是役男，暑假想出國旅遊，需要申請嗎？",
    expectedAnswer:
      "役齡男子出境須經核准，可在出境前上內政部役政署「役男線上申請出境」網站申請，或持身分證及印章至戶籍地區公所兵役課辦理；每次出境期間不得逾4個月。",
  },
  {
    topic: "在學緩徵",
    unitHint: "兵役課",
    question: "役男還在讀大學，要自己去申請緩徵嗎？",
    expectedAnswer: "在學緩徵由就讀學校造冊送役政單位辦理，學生不必自行申請；畢業、休學或退學時學校會通報，緩徵原因消滅後即依規定徵集。",
  },
  {
    topic: "里別與里長查詢",
    unitHint: "民政課",
    question: "請問我住的地址屬於哪一里？里長辦公處在哪裡？",
    expectedAnswer: "請提供門牌地址以查詢所屬里別，告知里長姓名、里辦公處地址及電話；也可在區公所網站「里長資訊」查詢。",
  },
  {
    topic: "鄰里糾紛調解",
    unitHint: "調解委員會",
    question: "樓上漏水到我家，跟鄰居談不攏，可以找公所調解嗎？要收費嗎？",
    expectedAnswer:
      "可向區公所調解委員會以書面或言詞申請，提供雙方姓名、地址、電話及爭議事由；調解不收任何費用。調解成立經法院核定後，與民事確定判決有同一效力。",
  },
  {
    topic: "育兒津貼",
    unitHint: "社會課",
    question: "小孩剛出生，育兒津貼要去哪裡申請？",
    expectedAnswer:
      "辦理出生登記時可在戶政事務所一併申請，或由父母一方向戶籍地區公所社會課申請，備申請表、申請人身分證及存摺封面影本；核定後按月撥款。",
  },
  {
    topic: "路燈報修",
    unitHint: "經建課",
    question: "我家巷口的路燈壞了好幾天，要向哪裡報修？",
    expectedAnswer: "可撥1999市民當家熱線或由區公所受理報修，請提供路燈桿上的編號或明確地點，將通報維護單位派員修復。",
  },
  {
    topic: "側溝清疏",
    unitHint: "經建課",
    question: "巷子裡的水溝堵住又發臭，可以請公所處理嗎？",
    expectedAnswer: "請告知確切地點及狀況，區公所會派員會勘並安排清疏；急迫情形也可撥1999反映。",
  },
  {
    topic: "防颱沙包",
    unitHint: "民政課",
    question: "颱風要來了，請問哪裡可以領沙包？",
    expectedAnswer: "颱風或豪雨來臨前，可至區公所公告的沙包放置地點或里辦公處領取，地點以區公所網站及里鄰公告為準；低窪地區可請里長協助。",
  },
  {
    topic: "活動中心借用",
    unitHint: "人文課",
    question: "社區想借里民活動中心辦活動，要怎麼申請？",
    expectedAnswer:
      "填寫場地借用申請表，向活動中心管理單位（區公所或里辦公處）提早申請，依場地使用規定繳交使用費及保證金，核准後即可使用。",
  },
  {
    topic: "敬老卡",
    unitHint: "社會課",
    question: "我爸爸下個月滿65歲，敬老卡要去哪裡辦？",
    expectedAnswer: "年滿65歲設籍本市的長者，可攜身分證及照片至戶籍地區公所申辦，家屬代辦另備代理人身分證；部分縣市可線上申請。",
  },
  {
    topic: "投票通知單",
    unitHint: "民政課",
    question: "快選舉了，我還沒收到投票通知單，這樣可以去投票嗎？",
    expectedAnswer:
      "投票通知單於投票日前2日送達；沒收到也可以投票，只要攜帶國民身分證及印章（或簽名）到戶籍地所屬投票所即可，投票所可向區公所民政課或里辦公處查詢。",
  },
  {
    topic: "獨居長者送餐",
    unitHint: "社會課",
    question: "隔壁獨居的阿伯行動不便，有沒有送餐服務可以申請？",
    expectedAnswer: "可向區公所社會課或長照專線1966反映，由社工或照管專員評估長者需求後，安排送餐、關懷訪視等服務。",
  },
  {
    topic: "人民陳情",
    unitHint: "秘書室",
    question: "我想反映一件公所服務的問題，要怎麼陳情？",
    expectedAnswer:
      "可透過區長信箱、市長信箱、1999專線、書面或親自到區公所陳情，請留真實姓名及聯絡方式，公所將依陳情案件處理規定於期限內回復。",
  },
  {
    topic: "服務時間",
    unitHint: "秘書室",
    question: "請問區公所中午休息時間有人服務嗎？",
    expectedAnswer: "區公所週一至週五8:30至17:30上班，中午時段有同仁輪值服務，國定假日休息；各課室詳細服務項目可先來電或查詢網站。",
  },
];

const household: Entry[] = [
  {
    topic: "出生登記",
    unitHint: "戶籍登記課",
    question: "小孩出生後要多久內報戶口？要帶什麼？",
    expectedAnswer:
      "應於出生後60日內辦理出生登記，由父母、祖父母、戶長或同居人等申請，攜出生證明書、申請人身分證及印章、戶口名簿；可於全國任一戶政事務所辦理。",
  },
  {
    topic: "子女姓氏約定",
    unitHint: "戶籍登記課",
    question: "小孩要從母姓，需要怎麼辦？",
    expectedAnswer: "父母於出生登記前以書面約定子女從父姓或母姓，雙方於約定書上簽名；未約定或約定不成者，於戶政事務所抽籤決定。",
  },
  {
    topic: "初領國民身分證",
    unitHint: "戶籍登記課",
    question: "小孩滿14歲了，第一次領身分證要準備什麼？",
    expectedAnswer:
      "年滿14歲應請領國民身分證，本人攜戶口名簿、最近2年內彩色半身照片1張及印章親自辦理，未成年者由法定代理人陪同；初領免規費。",
  },
  {
    topic: "補領國民身分證",
    unitHint: "戶籍登記課",
    question: "我的身分證掉了，要怎麼補辦？多少錢？",
    expectedAnswer:
      "可先撥1996或上網辦理掛失，再由本人攜戶口名簿或護照等身分證明文件、最近2年內照片1張親自至任一戶政事務所補領，規費新臺幣200元。",
  },
  {
    topic: "遷入登記",
    unitHint: "戶籍登記課",
    question: "我搬家了，戶口要怎麼遷過去？",
    expectedAnswer:
      "遷入後30日內辦理遷徙登記，攜身分證、印章、遷入地戶長的戶口名簿（或房屋所有權狀、租賃契約等住址證明），可於任一戶政事務所辦理。",
  },
  {
    topic: "委託辦理遷徙",
    unitHint: "戶籍登記課",
    question: "我上班沒空，可以請家人幫我辦遷戶口嗎？",
    expectedAnswer:
      "可以，受託人攜委託書、委託人身分證及印章、受託人身分證及印章與遷入地戶口名簿辦理；初領身分證、結婚、兩願離婚等須本人到場的案件不可委託。",
  },
  {
    topic: "結婚登記",
    unitHint: "戶籍登記課",
    question: "我們要去登記結婚，要帶哪些東西？",
    expectedAnswer:
      "雙方親自到場，攜結婚書約（含2位證人簽名）、身分證、戶口名簿、印章及最近2年內照片各1張；結婚登記免費，配偶欄變更換發身分證每張50元。",
  },
  {
    topic: "兩願離婚登記",
    unitHint: "戶籍登記課",
    question: "協議離婚要怎麼辦理登記？",
    expectedAnswer:
      "雙方親自到場，攜離婚協議書（含2位證人簽名）、身分證、戶口名簿、印章及照片辦理；法院判決離婚者，一方持判決書及確定證明書即可申請。",
  },
  {
    topic: "死亡登記",
    unitHint: "戶籍登記課",
    question: "家父過世，死亡登記要怎麼辦？",
    expectedAnswer:
      "應於死亡之日起30日內，由配偶、親屬或戶長等攜死亡證明書、申請人身分證及印章、亡者身分證及戶口名簿辦理；可同時申請死亡登記一站式服務，一併查詢遺產及申請各項給付。",
  },
  {
    topic: "收養登記",
    unitHint: "戶籍登記課",
    question: "法院已經准我們收養小孩，接下來戶口怎麼處理？",
    expectedAnswer: "於法院認可收養裁定確定之日起30日內辦理收養登記，攜法院裁定書及確定證明書、收養人及被收養人身分證、戶口名簿與印章。",
  },
  {
    topic: "改名",
    unitHint: "戶籍登記課",
    question: "我想改名字，有次數限制嗎？",
    expectedAnswer: "依姓名條例，一般改名以3次為限；本人攜身分證、戶口名簿、印章及照片辦理，改名後須換發身分證，未成年者由法定代理人同意。",
  },
  {
    topic: "戶籍謄本",
    unitHint: "戶籍資料課",
    question: "我要申請戶籍謄本，需要什麼？一張多少錢？",
    expectedAnswer:
      "本人或戶內人員攜身分證及印章（或簽名）即可於任一戶政事務所申請，委託他人須附委託書及受託人身分證；每張新臺幣15元，也可用自然人憑證線上申請電子謄本。",
  },
  {
    topic: "英文戶籍謄本",
    unitHint: "戶籍資料課",
    question: "要到國外辦結婚，需要英文的單身證明，要怎麼申請？",
    expectedAnswer:
      "可申請英文戶籍謄本（載明婚姻狀況），本人攜身分證及護照（英文姓名以護照為準）申請，每張新臺幣100元；供國外使用多須再送外交部領事事務局驗證。",
  },
  {
    topic: "印鑑證明",
    unitHint: "戶籍登記課",
    question: "辦土地過戶要印鑑證明，要怎麼申請？",
    expectedAnswer:
      "未辦過印鑑登記者須本人攜身分證及印鑑章先辦理登記；申請印鑑證明可本人或委任他人（附委任書）辦理，每張新臺幣20元，並應填明申請目的。",
  },
  {
    topic: "戶口名簿補發",
    unitHint: "戶籍登記課",
    question: "家裡的戶口名簿找不到了，要怎麼補？",
    expectedAnswer: "由戶長或戶內人口攜身分證及印章至任一戶政事務所申請補發，規費每本新臺幣30元。",
  },
  {
    topic: "全國跨區通辦",
    unitHint: "戶籍登記課",
    question: "我戶籍在外縣市，可以在你們這邊辦事嗎？",
    expectedAnswer:
      "可以，戶籍謄本、身分證初領補換、出生、結婚、離婚、死亡、遷徙等多數戶籍登記皆可在全國任一戶政事務所跨區辦理，少數項目請先來電確認。",
  },
  {
    topic: "護照人別確認",
    unitHint: "戶籍登記課",
    question: "第一次辦護照，可以在戶政事務所辦嗎？",
    expectedAnswer:
      "首次申請護照須本人親自至外交部領事事務局或其分支機構辦理，或先至任一戶政事務所辦理人別確認後，再委任他人代辦；請攜身分證正本及影本。",
  },
  {
    topic: "自然人憑證",
    unitHint: "戶籍資料課",
    question: "自然人憑證要怎麼申請？要錢嗎？",
    expectedAnswer: "本人攜國民身分證至任一戶政事務所申請，首次申請每張新臺幣250元，當場設定密碼即可領取，可用於網路報稅及線上申辦。",
  },
];

function numbered(kind: QuestionKind, entries: Entry[]): Question[] {
  return entries.map((e, i) => ({ id: `${kind}-${String(i + 1).padStart(2, "0")}`, kind, ...e }));
}

export const questionBank: Record<QuestionKind, readonly Question[]> = {
  district: numbered("district", district),
  household: numbered("household", household),
};

/**
 * The month's questions: a window of `count` questions that slides by `count` each
 * month, so consecutive months never ask the same set (unless the whole bank is asked)
 * and every question comes round within ⌈bank / count⌉ months.
 */
export function questionsForMonth(kind: QuestionKind, month: string, count: number): Question[] {
  const bank = questionBank[kind];
  if (!bank) throw new RangeError(`no question bank for office kind "${kind}"`);
  const { year, month: m } = parseMonth(month);
  if (!Number.isInteger(count) || count < 1 || count > bank.length) {
    throw new RangeError(`count must be an integer within 1-${bank.length}, got ${count}`);
  }
  const start = ((year * 12 + m - 1) * count) % bank.length;
  return Array.from({ length: count }, (_, i) => bank[(start + i) % bank.length]);
}
