import { isIsoDate } from "~/utils/dates";
import { seededRandom, shuffled, type Random } from "~/utils/random";

/**
 * Monthly call plans (測試排程) and mutual-testing pairs (電話互測). Fairness rules from
 * the offices' plans: a tester never calls their own office, calls are spread over days
 * and office-hour slots, and the work is shared evenly. Plans are reproducible from the
 * seed so a disputed plan can be regenerated and checked.
 *
 * Ids are compared by their string form: office ids arrive as numbers from the database
 * and as strings from forms, and "12" and 12 must still count as the same office.
 */

export type Id = string | number;

/** The office-hour slots of a test call (government offices work 08:30-17:30, lunch 12:30-13:30). */
export const CALL_SLOTS = ["08:30-10:30", "10:30-12:30", "13:30-15:30", "15:30-17:30"] as const;
export type CallSlot = (typeof CALL_SLOTS)[number];

export type CallTarget = { officeId: Id; unitId: Id; extension: Id };

/** unitId is informational: excluding the evaluator's whole office already excludes their unit. */
export type Evaluator<E extends Id = Id> = { id: E; officeId: Id; unitId?: Id };

export type CallPlanInput<E extends Id = Id> = {
  /** The month's working days in order (YYYY-MM-DD), from the government calendar. */
  workingDays: readonly string[];
  targets: CallTarget[];
  evaluators: Evaluator<E>[];
  callsPerTarget: number;
  seed: number;
  /** Questions to rotate through (e.g. questionsForMonth(...).map((q) => q.id)). */
  questionIds?: string[];
};

export type PlannedCall<E extends Id = Id> = {
  date: string;
  slot: CallSlot;
  targetIndex: number;
  evaluatorId: E;
  questionId?: string;
};

type Call = { target: number; ordinal: number; evaluator: number; day: number; slot: number };

export function generateCallPlan<E extends Id>(input: CallPlanInput<E>): PlannedCall<E>[] {
  const { targets, evaluators, callsPerTarget, questionIds } = input;
  const days = input.workingDays;
  days.forEach((d, i) => {
    if (!isIsoDate(d)) throw new RangeError(`working day must look like YYYY-MM-DD, got "${d}"`);
    if (i > 0 && d <= days[i - 1]) throw new RangeError(`working days must be distinct and in order, got "${days[i - 1]}" before "${d}"`);
  });
  if (!Number.isInteger(callsPerTarget) || callsPerTarget < 1) {
    throw new RangeError(`callsPerTarget must be an integer of at least 1, got ${callsPerTarget}`);
  }
  if (targets.length === 0) throw new RangeError("no targets to call");
  if (evaluators.length === 0) throw new RangeError("no evaluators to place the calls");
  if (questionIds && questionIds.length === 0) throw new RangeError("questionIds is empty: omit it or give questions");
  const ids = new Set(evaluators.map((e) => String(e.id)));
  if (ids.size !== evaluators.length) throw new RangeError("evaluator ids must be unique");
  if (days.length === 0) throw new RangeError("no working day to call on");
  const random = seededRandom(input.seed);

  const eligible = targets.map((t, i) => {
    const list = evaluators.flatMap((e, j) => (String(e.officeId) === String(t.officeId) ? [] : [j]));
    if (list.length === 0) {
      throw new RangeError(
        `no eligible evaluator for target ${i} (office ${t.officeId}, unit ${t.unitId}, extension ${t.extension}): every evaluator belongs to that office`,
      );
    }
    return list;
  });

  const calls = assignEvaluators(eligible, callsPerTarget, evaluators.length, random);
  rebalance(calls, eligible, evaluators.length);
  schedule(calls, days.length, callsPerTarget, targets.length, evaluators.length, random);

  const questionOf = questionIds ? rotateQuestions(calls, questionIds, callsPerTarget, random) : undefined;
  return calls
    .map((c, i) => ({
      date: days[c.day],
      slot: CALL_SLOTS[c.slot],
      targetIndex: c.target,
      evaluatorId: evaluators[c.evaluator].id,
      ...(questionOf ? { questionId: questionOf[i] } : {}),
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.slot.localeCompare(b.slot) || a.targetIndex - b.targetIndex);
}

/**
 * Greedy: the most constrained targets first, each call to the least-loaded eligible
 * evaluator, preferring one who has not called that target yet, ties broken by the seed.
 */
function assignEvaluators(eligible: number[][], perTarget: number, evaluatorCount: number, random: Random): Call[] {
  const load = new Array<number>(evaluatorCount).fill(0);
  const order = shuffled(
    eligible.map((_, t) => t),
    random,
  ).sort((a, b) => eligible[a].length - eligible[b].length);
  const calls: Call[] = [];
  for (const target of order) {
    const used = new Map<number, number>();
    for (let ordinal = 0; ordinal < perTarget; ordinal++) {
      const evaluator = pickMin(eligible[target], (e) => [load[e], used.get(e) ?? 0], random);
      load[evaluator]++;
      used.set(evaluator, (used.get(evaluator) ?? 0) + 1);
      calls.push({ target, ordinal, evaluator, day: -1, slot: -1 });
    }
  }
  return calls;
}

/**
 * Greedy alone can leave loads uneven when eligibility differs between targets. While some
 * evaluator carries at least two calls more than another it can hand work to through a
 * chain of eligible reassignments, shift one call along that chain. With unit-size calls,
 * no such chain left means the loads are as even as eligibility allows: the largest load
 * is minimal and the smallest maximal (Frank & Murota, discrete decreasing minimisation).
 */
function rebalance(calls: Call[], eligible: number[][], evaluatorCount: number): void {
  for (;;) {
    const load = new Array<number>(evaluatorCount).fill(0);
    for (const c of calls) load[c.evaluator]++;
    const heaviestFirst = load.map((_, e) => e).sort((a, b) => load[b] - load[a] || a - b);
    const shifted = heaviestFirst.some((from) => shiftAlongChain(calls, eligible, load, from));
    if (!shifted) return;
  }
}

/** Breadth-first search for a lighter evaluator reachable from `from`; shifts and returns true if found. */
function shiftAlongChain(calls: Call[], eligible: number[][], load: number[], from: number): boolean {
  const via = new Map<number, number>([[from, -1]]); // evaluator → index of the call handed to it
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const holder = queue[head];
    for (let i = 0; i < calls.length; i++) {
      if (calls[i].evaluator !== holder) continue;
      for (const next of eligible[calls[i].target]) {
        if (via.has(next)) continue;
        via.set(next, i);
        if (load[next] <= load[from] - 2) {
          for (let e = next; e !== from;) {
            const call = calls[via.get(e)!];
            const previous = call.evaluator;
            call.evaluator = e;
            e = previous;
          }
          return true;
        }
        queue.push(next);
      }
    }
  }
  return false;
}

/**
 * A target's k-th of n calls goes in the k-th n-th of the month (so two calls never share
 * a day while n ≤ working days), on the day where the evaluator and the day are least busy;
 * then the slot the evaluator is free in, that target has used least, and the day has
 * least filled.
 */
function schedule(calls: Call[], dayCount: number, perTarget: number, targetCount: number, evaluatorCount: number, random: Random): void {
  const grid = (rows: number, cols: number) => Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  const targetDay = grid(targetCount, dayCount);
  const targetSlot = grid(targetCount, CALL_SLOTS.length);
  const evaluatorDay = grid(evaluatorCount, dayCount);
  const evaluatorCell = grid(evaluatorCount, dayCount * CALL_SLOTS.length);
  const cellLoad = new Array<number>(dayCount * CALL_SLOTS.length).fill(0);
  const dayLoad = new Array<number>(dayCount).fill(0);
  const allDays = Array.from({ length: dayCount }, (_, d) => d);
  const slots = CALL_SLOTS.map((_, s) => s);

  for (const call of shuffled(calls, random)) {
    const { target, evaluator } = call;
    const window =
      perTarget <= dayCount
        ? allDays.slice(Math.floor((call.ordinal * dayCount) / perTarget), Math.floor(((call.ordinal + 1) * dayCount) / perTarget))
        : allDays;
    const day = pickMin(window, (d) => [targetDay[target][d], evaluatorDay[evaluator][d], dayLoad[d]], random);
    const cell = (s: number) => day * CALL_SLOTS.length + s;
    const slot = pickMin(slots, (s) => [evaluatorCell[evaluator][cell(s)], targetSlot[target][s], cellLoad[cell(s)]], random);
    call.day = day;
    call.slot = slot;
    targetDay[target][day]++;
    targetSlot[target][slot]++;
    evaluatorDay[evaluator][day]++;
    evaluatorCell[evaluator][cell(slot)]++;
    cellLoad[cell(slot)]++;
    dayLoad[day]++;
  }
}

/** Each target walks the list from its own offset in date order: no repeats while calls ≤ questions. */
function rotateQuestions(calls: Call[], questionIds: string[], perTarget: number, random: Random): string[] {
  const start = Math.floor(random() * questionIds.length);
  const byTime = calls.map((_, i) => i).sort((a, b) => calls[a].day - calls[b].day || calls[a].slot - calls[b].slot);
  const seen = new Map<number, number>();
  const out = new Array<string>(calls.length);
  for (const i of byTime) {
    const { target } = calls[i];
    const k = seen.get(target) ?? 0;
    seen.set(target, k + 1);
    out[i] = questionIds[(start + target * perTarget + k) % questionIds.length];
  }
  return out;
}

/** The candidate with the lexicographically smallest cost; ties go to the seed. */
function pickMin<T>(candidates: readonly T[], cost: (c: T) => number[], random: Random): T {
  let best: T[] = [];
  let bestCost: number[] = [];
  for (const c of candidates) {
    const k = cost(c);
    const cmp = compareCosts(k, bestCost);
    if (best.length === 0 || cmp < 0) {
      best = [c];
      bestCost = k;
    } else if (cmp === 0) {
      best.push(c);
    }
  }
  return best[Math.floor(random() * best.length)];
}

function compareCosts(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * Mutual testing (電話互測): a seeded shuffle closed into one cycle, so every office tests
 * exactly one other and is tested by exactly one other, and no two offices simply swap
 * (unless there are only two).
 */
export function pairMutualTesting<O extends Id>(officeIds: O[], seed: number): { tester: O; tested: O }[] {
  if (officeIds.length < 2) throw new RangeError("mutual testing needs at least two offices");
  if (new Set(officeIds.map(String)).size !== officeIds.length) throw new RangeError("office ids must be unique");
  const cycle = shuffled(officeIds, seededRandom(seed));
  const next = new Map(cycle.map((o, i) => [o, cycle[(i + 1) % cycle.length]]));
  return officeIds.map((tester) => ({ tester, tested: next.get(tester)! }));
}
