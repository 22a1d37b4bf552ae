import { describe, expect, it } from "vitest";
import { CALL_SLOTS, generateCallPlan, pairMutualTesting, type CallPlanInput, type PlannedCall } from "~/modules/courtesy";

/** Monday to Friday of a month: the planner takes any list of working days it is given. */
function weekdaysOf(month: string): string[] {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`).filter(
    (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
  );
}

/** Park-Miller generator for building test configurations (independent of the planner's). */
function lcg(seed: number) {
  let s = seed % 2147483647 || 1;
  return (n: number) => {
    s = (s * 48271) % 2147483647;
    return s % n;
  };
}

type Config = CallPlanInput<string>;

/**
 * A random plan input. With `outsiders`, evaluators come from offices no target is in
 * (every evaluator may call every target); otherwise they share offices with targets.
 */
function randomConfig(n: number, outsiders: boolean): Config {
  const r = lcg(n * 7919 + (outsiders ? 1 : 2));
  const offices = 2 + r(6);
  const targets = Array.from({ length: 1 + r(20) }, (_, i) => ({ officeId: r(offices), unitId: `u${i}`, extension: String(100 + i) }));
  const evaluators = Array.from({ length: 1 + r(9) }, (_, i) => ({
    id: `e${i}`,
    officeId: outsiders ? `x${r(3)}` : String(r(offices)),
  }));
  if (!outsiders) evaluators.push({ id: "eA", officeId: "0" }, { id: "eB", officeId: "1" }); // everyone has someone
  return {
    workingDays: weekdaysOf(`${2025 + r(2)}-${String(1 + r(12)).padStart(2, "0")}`),
    targets,
    evaluators,
    callsPerTarget: 1 + r(4),
    seed: r(1_000_000),
  };
}

const configs = Array.from({ length: 200 }, (_, n) => randomConfig(n, n % 2 === 0));

function loads(plan: PlannedCall<string>[], config: Config): number[] {
  return config.evaluators.map((e) => plan.filter((c) => c.evaluatorId === e.id).length);
}
const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

/** One target called by one evaluator from another office: isolates day, slot and question choices. */
function singleTargetPlan(change: Partial<Config> & Pick<Config, "workingDays" | "callsPerTarget">) {
  return generateCallPlan({
    targets: [{ officeId: 1, unitId: 1, extension: "100" }],
    evaluators: [{ id: "e", officeId: 2 }],
    seed: 3,
    ...change,
  });
}

describe("generateCallPlan", () => {
  it("keeps every rule for 200 random configurations", () => {
    for (const [n, config] of configs.entries()) {
      const plan = generateCallPlan(config);
      const days = config.workingDays;
      const where = `config ${n}`;
      expect(plan, where).toHaveLength(config.targets.length * config.callsPerTarget);
      for (const call of plan) {
        expect(days, where).toContain(call.date);
        expect(CALL_SLOTS, where).toContain(call.slot);
        const evaluator = config.evaluators.find((e) => e.id === call.evaluatorId)!;
        expect(String(evaluator.officeId), where).not.toBe(String(config.targets[call.targetIndex].officeId));
        expect(call, where).not.toHaveProperty("questionId");
      }
      config.targets.forEach((_, t) => {
        const dates = plan.filter((c) => c.targetIndex === t).map((c) => c.date);
        expect(dates, `${where} target ${t}`).toHaveLength(config.callsPerTarget);
        if (config.callsPerTarget <= days.length) expect(new Set(dates).size, `${where} target ${t}`).toBe(dates.length);
      });
      const order = plan.map((c) => `${c.date} ${c.slot}`);
      expect(order, where).toEqual([...order].sort());
      if (config.evaluators.every((e) => String(e.officeId).startsWith("x"))) {
        expect(spread(loads(plan, config)), where).toBeLessThanOrEqual(1);
      }
    }
  });

  it("is reproducible from its seed and changes with it", () => {
    let differ = 0;
    for (const config of configs) {
      expect(generateCallPlan(config)).toEqual(generateCallPlan(structuredClone(config)));
      if (JSON.stringify(generateCallPlan(config)) !== JSON.stringify(generateCallPlan({ ...config, seed: config.seed + 1 }))) differ++;
    }
    expect(differ).toBeGreaterThanOrEqual(190);
  });

  it("balances load as evenly as eligibility allows (checked by brute force)", () => {
    for (let n = 0; n < 150; n++) {
      const r = lcg(n + 31);
      const offices = 2 + r(3);
      const config: Config = {
        workingDays: weekdaysOf("2026-03"),
        targets: Array.from({ length: 1 + r(4) }, (_, i) => ({ officeId: r(offices), unitId: i, extension: i })),
        evaluators: Array.from({ length: 2 + r(3) }, (_, i) => ({ id: `e${i}`, officeId: r(offices) })),
        callsPerTarget: 1 + r(2),
        seed: n,
      };
      const eligible = config.targets.map((t) => config.evaluators.flatMap((e, j) => (e.officeId === t.officeId ? [] : [j])));
      if (eligible.some((list) => list.length === 0)) continue;
      const calls = eligible.flatMap((list) => Array<number[]>(config.callsPerTarget).fill(list));
      let bestMax = Infinity;
      let bestMin = -Infinity;
      const load = config.evaluators.map(() => 0);
      const visit = (i: number): void => {
        if (i === calls.length) {
          bestMax = Math.min(bestMax, Math.max(...load));
          bestMin = Math.max(bestMin, Math.min(...load));
          return;
        }
        for (const e of calls[i]) {
          load[e]++;
          visit(i + 1);
          load[e]--;
        }
      };
      visit(0);
      const got = loads(generateCallPlan(config), config);
      expect(Math.max(...got), `config ${n}`).toBe(bestMax);
      expect(Math.min(...got), `config ${n}`).toBe(bestMin);
    }
  });

  it("evens load when one evaluator's office holds most targets", () => {
    const config: Config = {
      workingDays: weekdaysOf("2026-04"),
      targets: [
        ...Array.from({ length: 8 }, (_, i) => ({ officeId: "A", unitId: i, extension: i })),
        ...Array.from({ length: 4 }, (_, i) => ({ officeId: "B", unitId: i, extension: i })),
      ],
      evaluators: [
        { id: "a", officeId: "A" },
        { id: "b", officeId: "B" },
        { id: "c", officeId: "C" },
      ],
      callsPerTarget: 1,
      seed: 5,
    };
    // a may call only B's 4 targets; b and c share the other 8.
    expect(loads(generateCallPlan(config), config)).toEqual([4, 4, 4]);
  });

  it('treats 12 and "12" as the same office', () => {
    const plan = generateCallPlan({
      workingDays: weekdaysOf("2026-05"),
      targets: [{ officeId: 12, unitId: 1, extension: "201" }],
      evaluators: [
        { id: "same", officeId: "12" },
        { id: "other", officeId: 13 },
      ],
      callsPerTarget: 3,
      seed: 1,
    });
    expect(plan.map((c) => c.evaluatorId)).toEqual(["other", "other", "other"]);
  });

  it("calls on the given working days only, a make-up Saturday included, and uses all of them", () => {
    const workingDays = ["2025-02-03", "2025-02-04", "2025-02-05", "2025-02-06", "2025-02-07", "2025-02-08", "2025-02-10"];
    const plan = generateCallPlan({
      workingDays,
      targets: Array.from({ length: 30 }, (_, i) => ({ officeId: i % 3, unitId: i, extension: i })),
      evaluators: Array.from({ length: 6 }, (_, i) => ({ id: `e${i}`, officeId: i % 3 })),
      callsPerTarget: 3,
      seed: 9,
    });
    expect([...new Set(plan.map((c) => c.date))].sort()).toEqual(workingDays);
  });

  it("spreads a target's calls over the days and slots even when it has more calls than days", () => {
    const plan = singleTargetPlan({ callsPerTarget: 7, workingDays: ["2026-03-02", "2026-03-03", "2026-03-04"] });
    const perDay = ["2026-03-02", "2026-03-03", "2026-03-04"].map((d) => plan.filter((c) => c.date === d).length);
    expect(spread(perDay)).toBeLessThanOrEqual(1);
    for (const d of ["2026-03-02", "2026-03-03", "2026-03-04"]) {
      const slots = plan.filter((c) => c.date === d).map((c) => c.slot);
      expect(new Set(slots).size, d).toBe(slots.length);
    }
  });

  it("rotates questions so a target does not hear the same one twice in a month", () => {
    const questionIds = ["district-01", "district-02", "district-03", "district-04", "district-05"];
    for (const config of configs.slice(0, 60)) {
      const plan = generateCallPlan({ ...config, questionIds });
      config.targets.forEach((_, t) => {
        const asked = plan.filter((c) => c.targetIndex === t).map((c) => c.questionId!);
        for (const q of asked) expect(questionIds).toContain(q);
        expect(new Set(asked).size).toBe(asked.length);
      });
      const used = new Set(plan.map((c) => c.questionId));
      expect(used.size).toBe(Math.min(questionIds.length, plan.length));
    }
  });

  it("cycles through a short question list evenly", () => {
    const plan = singleTargetPlan({ workingDays: weekdaysOf("2026-06"), callsPerTarget: 5, seed: 11, questionIds: ["q1", "q2"] });
    const counts = ["q1", "q2"].map((q) => plan.filter((c) => c.questionId === q).length);
    expect(counts.sort()).toEqual([2, 3]);
  });

  describe("rejects bad input with a RangeError", () => {
    const ok: Config = {
      workingDays: weekdaysOf("2026-03"),
      targets: [
        { officeId: 1, unitId: 1, extension: "101" },
        { officeId: 2, unitId: 7, extension: "702" },
      ],
      evaluators: [
        { id: "e1", officeId: 1 },
        { id: "e3", officeId: 3 },
      ],
      callsPerTarget: 2,
      seed: 1,
    };
    it("accepts the valid base input", () => expect(generateCallPlan(ok)).toHaveLength(4));
    it.each<[string, Partial<Config>, RegExp]>([
      ["a malformed working day", { workingDays: ["2026-3-2"] }, /YYYY-MM-DD/],
      ["an impossible working day", { workingDays: ["2026-02-30"] }, /YYYY-MM-DD/],
      ["working days out of order", { workingDays: ["2026-03-03", "2026-03-02"] }, /in order/],
      ["a repeated working day", { workingDays: ["2026-03-02", "2026-03-02"] }, /distinct/],
      ["zero calls per target", { callsPerTarget: 0 }, /callsPerTarget/],
      ["fractional calls per target", { callsPerTarget: 1.5 }, /callsPerTarget/],
      ["no targets", { targets: [] }, /no targets/],
      ["no evaluators", { evaluators: [] }, /no evaluators/],
      ["an empty question list", { questionIds: [] }, /questionIds/],
      [
        "duplicate evaluator ids",
        {
          evaluators: [
            { id: "e", officeId: 5 },
            { id: "e", officeId: 6 },
          ],
        },
        /unique/,
      ],
      ["a fractional seed", { seed: 0.5 }, /seed/],
      ["a month without working days", { workingDays: [] }, /no working day/],
    ])("%s", (_, change, message) => {
      expect(() => generateCallPlan({ ...ok, ...change })).toThrow(RangeError);
      expect(() => generateCallPlan({ ...ok, ...change })).toThrow(message);
    });

    it("names the target no evaluator may call", () => {
      const input = { ...ok, evaluators: [{ id: "e2", officeId: 2 }] };
      expect(() => generateCallPlan(input)).toThrow(RangeError);
      expect(() => generateCallPlan(input)).toThrow(/target 1 \(office 2, unit 7, extension 702\)/);
    });
  });
});

describe("pairMutualTesting", () => {
  it("is a single cycle: each office tests one other and is tested by one other", () => {
    for (let seed = 0; seed < 200; seed++) {
      const offices = Array.from({ length: 2 + (seed % 25) }, (_, i) => (seed % 2 ? i * 10 : `office-${i}`));
      const pairs = pairMutualTesting(offices, seed);
      expect(pairs.map((p) => p.tester)).toEqual(offices);
      expect([...pairs.map((p) => p.tested)].sort()).toEqual([...offices].sort());
      const next = new Map(pairs.map((p) => [p.tester, p.tested]));
      let at = offices[0];
      for (let step = 1; step <= offices.length; step++) {
        at = next.get(at)!;
        expect(at === offices[0], `seed ${seed} step ${step}`).toBe(step === offices.length);
      }
    }
  });

  it("is reproducible and varies with the seed", () => {
    const offices = ["a", "b", "c", "d", "e", "f"];
    expect(pairMutualTesting(offices, 42)).toEqual(pairMutualTesting(offices, 42));
    const distinct = new Set(Array.from({ length: 30 }, (_, s) => JSON.stringify(pairMutualTesting(offices, s))));
    expect(distinct.size).toBeGreaterThan(10);
  });

  it("pairs two offices with each other", () => {
    expect(pairMutualTesting([1, 2], 7)).toEqual([
      { tester: 1, tested: 2 },
      { tester: 2, tested: 1 },
    ]);
  });

  it("rejects fewer than two offices and duplicates", () => {
    expect(() => pairMutualTesting([], 1)).toThrow(RangeError);
    expect(() => pairMutualTesting(["only"], 1)).toThrow(RangeError);
    expect(() => pairMutualTesting([1, "1", 2], 1)).toThrow(/unique/);
  });
});
