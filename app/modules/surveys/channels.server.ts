import { randomBytes } from "node:crypto";
import type { Db } from "~/utils/db.server";

export type ChannelState = "open" | "not-yet-open" | "closed";

export function channelState(c: { opensAt: Date | null; closesAt: Date | null }, now = new Date()): ChannelState {
  if (c.opensAt && now < c.opensAt) return "not-yet-open";
  if (c.closesAt && now >= c.closesAt) return "closed";
  return "open";
}

/** A channel as citizens and kiosks see it: its office, counter and questionnaire. */
export async function findChannelByCode(db: Db, code: string) {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) return null;
  return db.channel.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      label: true,
      kind: true,
      opensAt: true,
      closesAt: true,
      officeId: true,
      unitId: true,
      office: { select: { id: true, name: true, kind: true, city: true, district: true } },
      unit: { select: { id: true, name: true } },
      version: { select: { id: true, version: true, json: true, definition: { select: { key: true, title: true } } } },
    },
  });
}

export type PublicChannel = NonNullable<Awaited<ReturnType<typeof findChannelByCode>>>;

// Unambiguous characters only: codes get typed from posters now and then.
const CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function newChannelCode(length = 8): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}
