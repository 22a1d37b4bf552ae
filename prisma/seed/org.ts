import { hashPassword } from "../../app/modules/org/passwords.server";
import type { Db } from "../../app/utils/db.server";

export const DEMO_AUTHORITY = "臺北市政府民政局";

export const DISTRICTS = [
  ["松山", "songshan"],
  ["信義", "xinyi"],
  ["大安", "daan"],
  ["中山", "zhongshan"],
  ["中正", "zhongzheng"],
  ["大同", "datong"],
  ["萬華", "wanhua"],
  ["文山", "wenshan"],
  ["南港", "nangang"],
  ["內湖", "neihu"],
  ["士林", "shilin"],
  ["北投", "beitou"],
] as const;

const DISTRICT_UNITS = ["民政課", "社會課", "經建課", "人文課", "兵役課", "秘書室"];
const HOUSEHOLD_UNITS = ["戶籍課", "行政課", "資訊課", "秘書室"];

/** Demo accounts, one per role; the README lists them. */
export const DEMO_USERS = [
  { email: "admin@demo.gov.tw", password: "Admin#2026", name: "系統管理者", role: "admin" },
  { email: "analyst@demo.gov.tw", password: "Analyst#2026", name: "研考科 林研考", role: "analyst" },
  { email: "manager@demo.gov.tw", password: "Manager#2026", name: "萬華區公所 陳承辦", role: "manager", office: "臺北市萬華區公所" },
  { email: "evaluator@demo.gov.tw", password: "Evaluator#2026", name: "測試員 王小明", role: "evaluator", office: "臺北市大安區公所" },
] as const;

export type SeededOffice = { id: number; name: string; kind: string; slug: string };

export async function seedOrganisation(db: Db): Promise<SeededOffice[]> {
  const authority = await db.authority.create({ data: { name: DEMO_AUTHORITY } });
  const districtGroup = await db.peerGroup.create({ data: { name: "臺北市各區公所", kind: "district" } });
  const householdGroup = await db.peerGroup.create({ data: { name: "臺北市各戶政事務所", kind: "household" } });
  const offices: SeededOffice[] = [];
  let phoneSuffix = 2300;
  for (const [kind, group, units, suffix] of [
    ["district", districtGroup.id, DISTRICT_UNITS, "公所"],
    ["household", householdGroup.id, HOUSEHOLD_UNITS, "戶政事務所"],
  ] as const) {
    for (const [district, slug] of DISTRICTS) {
      phoneSuffix += 17;
      const office = await db.office.create({
        data: {
          name: `臺北市${district}區${suffix}`,
          kind,
          city: "臺北市",
          district: `${district}區`,
          authorityId: authority.id,
          peerGroupId: group,
          phone: `02-2${String(phoneSuffix).padStart(3, "0")}-${kind === "district" ? "1234" : "5678"}`,
          address: `臺北市${district}區市民路 ${phoneSuffix % 300} 號`,
        },
      });
      offices.push({ id: office.id, name: office.name, kind, slug: `${slug}-${kind}` });
      const switchboard = await db.unit.create({ data: { officeId: office.id, name: "總機", isSwitchboard: true } });
      await db.extension.create({ data: { unitId: switchboard.id, number: "9", label: "總機" } });
      let ext = 100;
      for (const unitName of units) {
        ext += 100;
        const unit = await db.unit.create({ data: { officeId: office.id, name: unitName } });
        await db.extension.createMany({
          data: [0, 1, 2].map((i) => ({ unitId: unit.id, number: String(ext + i + 1), label: `${unitName}承辦 ${i + 1}` })),
        });
      }
    }
  }

  const byName = new Map(offices.map((o) => [o.name, o.id]));
  for (const u of DEMO_USERS) {
    await db.user.create({
      data: {
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash: await hashPassword(u.password),
        authorityId: u.role === "analyst" ? authority.id : null,
        officeId: "office" in u ? (byName.get(u.office) ?? null) : null,
      },
    });
  }
  // Every other office gets a manager too, so follow-up cases have an owner.
  const managerHash = await hashPassword("Manager#2026");
  for (const o of offices) {
    if (o.name === "臺北市萬華區公所") continue;
    await db.user.create({
      data: {
        email: `manager.${o.slug}@demo.gov.tw`,
        name: `${o.name} 承辦人`,
        role: "manager",
        officeId: o.id,
        passwordHash: managerHash,
      },
    });
  }
  return offices;
}
