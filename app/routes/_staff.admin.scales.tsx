import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { t } from "~/locales";
import type { Scale } from "~/modules/courtesy";
import { parseScaleText, sameScale } from "~/modules/courtesy/scale-editor";
import { currentScale, saveScaleVersion, scaleById, scaleVersions } from "~/modules/courtesy/scales.server";
import { requireUser } from "~/modules/org/auth.server";
import { taipeiDateTime } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse, readForm } from "~/utils/http.server";
import { AppError } from "~/utils/errors";

export const meta: MetaFunction = () => [{ title: `${t("scales.title")}｜${t("app.name")}` }];

/** A scale is a few kilobytes; anything near this is not one. */
const MAX_SCALE_BYTES = 64 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const current = await currentScale(prisma);
  const versions = await scaleVersions(prisma, current.scale.key);
  const asked = new URL(request.url).searchParams.get("version");
  let shown = current;
  if (asked !== null) {
    const row = versions.find((v) => String(v.version) === asked);
    const stored = row ? await scaleById(prisma, row.id) : null;
    if (!stored) throw errorResponse(404, t("error.notFound"));
    shown = stored;
  }
  return json({
    current: current.scale,
    shown: shown.scale,
    versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt, calls: v._count.calls })),
    text: JSON.stringify(current.scale, null, 2),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const body = await readForm(request, MAX_SCALE_BYTES, t("scales.error.tooLarge"));
  const current = await currentScale(prisma);
  const parsed = parseScaleText(String(body.get("json") ?? ""), current.scale.key);
  if (!parsed.ok) return json({ ok: false as const, error: parsed.error }, { status: 400 });
  if (sameScale(parsed.scale, current.scale)) return json({ ok: true as const, created: false, version: current.scale.version });
  try {
    const saved = await saveScaleVersion(prisma, user.id, parsed.scale);
    return json({ ok: true as const, created: true, version: saved.scale.version });
  } catch (e) {
    if (e instanceof AppError)
      return json({ ok: false as const, error: t("scales.error.invalid", { detail: e.message }) }, { status: e.status });
    throw e;
  }
}

const mark = (on: boolean | undefined) => (on ? t("common.yes") : "—");

/** Parts, items, bands and threshold of one scale version, read-only. */
function ScaleView({ scale }: { scale: Scale }) {
  return (
    <>
      <p>{t("scales.improvementBelow", { value: scale.improvementBelow })}</p>
      {scale.parts.map((part) => (
        <div key={part.key} className="table-wrap">
          <h3>{t("scales.partTotal", { part: part.label, max: part.items.reduce((s, i) => s + i.maxPoints, 0) })}</h3>
          <table>
            <thead>
              <tr>
                <th>{t("scales.item")}</th>
                <th>{t("scales.itemKey")}</th>
                <th className="num">{t("scales.maxPoints")}</th>
                <th>{t("scales.allowNA")}</th>
                <th>{t("scales.autoFail")}</th>
              </tr>
            </thead>
            <tbody>
              {part.items.map((item) => (
                <tr key={item.key}>
                  <td>{item.label}</td>
                  <td>
                    <code>{item.key}</code>
                  </td>
                  <td className="num">{item.maxPoints}</td>
                  <td>{mark(item.allowNA)}</td>
                  <td>{mark(item.autoFail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <h3>{t("scales.bands")}</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("scales.bandLabel")}</th>
              <th className="num">{t("scales.bandMin")}</th>
            </tr>
          </thead>
          <tbody>
            {scale.bands.map((b) => (
              <tr key={b.label}>
                <td>{b.label}</td>
                <td className="num">{b.min}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export default function ScalesAdmin() {
  const { current, shown, versions, text } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const viewingOld = shown.version !== current.version;
  return (
    <>
      <h1>{t("scales.title")}</h1>
      <h2>{t(viewingOld ? "scales.viewing" : "scales.current", { key: shown.key, version: shown.version })}</h2>
      {viewingOld && (
        <p>
          <Link to="/admin/scales">{t("scales.backToCurrent")}</Link>
        </p>
      )}
      <ScaleView scale={shown} />

      <h2>{t("scales.versions")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th className="num">{t("scales.version")}</th>
              <th>{t("scales.createdAt")}</th>
              <th className="num">{t("scales.calls")}</th>
              <th>{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td className="num">
                  {v.version} {v.version === current.version && <span className="badge resolved">{t("scales.inUse")}</span>}
                </td>
                <td>{taipeiDateTime(v.createdAt)}</td>
                <td className="num">{v.calls}</td>
                <td>
                  <Link to={`?version=${v.version}`}>{t("scales.view")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("scales.edit")}</h2>
      <p className="muted">{t("scales.editHelp")}</p>
      <Form method="post">
        <label htmlFor="json">{t("scales.json")}</label>
        {/* Remounted when a new version is saved, so the editor starts from it. */}
        <textarea key={current.version} id="json" name="json" className="code" defaultValue={text} spellCheck={false} />
        {result && !result.ok && (
          <div className="error-summary" role="alert">
            <p>{t("scales.rejected")}</p>
            <p>{result.error}</p>
          </div>
        )}
        {result?.ok && (
          <p className="ok" role="status">
            {t(result.created ? "scales.saved" : "scales.unchanged", { version: result.version })}
          </p>
        )}
        <p>
          <button type="submit" disabled={busy}>
            {t("common.save")}
          </button>
        </p>
      </Form>
    </>
  );
}
