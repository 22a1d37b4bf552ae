/**
 * Reading a scale an admin typed as JSON. `validateScale` checks the rules of a scale but
 * trusts its shape, so the shape is checked here first; unknown fields are refused, since a
 * misspelt flag ("autofail") would otherwise be dropped without a word.
 */
import { z } from "~/utils/zod";
import { t } from "~/locales";
import { parseBoundedJson } from "~/utils/json-bounds";
import type { Scale } from "./scale";

const points = z.number().finite();

const itemSchema = z
  .object({ key: z.string(), label: z.string(), maxPoints: points, allowNA: z.boolean().optional(), autoFail: z.boolean().optional() })
  .strict();

const scaleSchema = z
  .object({
    key: z.string(),
    // The saved version is always the next one; whatever the text says is ignored.
    version: z.number().optional(),
    improvementBelow: points,
    bands: z.array(z.object({ min: points, label: z.string() }).strict()),
    parts: z.array(z.object({ key: z.string(), label: z.string(), items: z.array(itemSchema) }).strict()),
  })
  .strict();

export type ParsedScale = { ok: true; scale: Scale } | { ok: false; error: string };

/** Parses the editor's text into a scale of `key` (an edit may not rename the scale). */
export function parseScaleText(text: string, key: string): ParsedScale {
  const raw = parseBoundedJson(text);
  if (!raw.ok) return raw;
  const parsed = scaleSchema.safeParse(raw.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: t("scales.error.shape", { path: issue.path.join(".") || "—", detail: issue.message }) };
  }
  if (parsed.data.key !== key) return { ok: false, error: t("scales.error.key", { key }) };
  return { ok: true, scale: { ...parsed.data, version: parsed.data.version ?? 0 } };
}

/** True when two scales say the same thing, whatever their versions. */
export function sameScale(a: Scale, b: Scale): boolean {
  const canonical = (s: Scale) => {
    const parsed = scaleSchema.safeParse({ ...s, version: 0 });
    return JSON.stringify(parsed.success ? parsed.data : s);
  };
  return canonical(a) === canonical(b);
}
