import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { t, type MessageKey } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { calendarYears, importCalendarYear, missingYears, specialDaysOf } from "~/modules/calendar/calendar.server";
import { CalendarCsvError, decodeDgpaCsv } from "~/modules/calendar/dgpa-csv";
import { rocDateLabel, weekday } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { errorResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("calendar.title")}｜${t("app.name")}` }];

/** A DGPA calendar is about 10 KB a year; anything near this (with the form around it) is not one. */
const MAX_BODY_BYTES = 512 * 1024;
/** What browsers and spreadsheet programs label a .csv file with (Windows says ms-excel). */
const CSV_TYPES = ["", "text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream"];

const yearLabel = (year: number) => t("calendar.yearLabel", { year, roc: year - 1911 });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const years = await calendarYears(prisma);
  const missing = await missingYears(prisma);
  const asked = new URL(request.url).searchParams.get("year");
  if (asked !== null && !/^\d{4}$/.test(asked)) throw errorResponse(400, t("calendar.error.year"));
  if (asked !== null && !years.some((y) => String(y.year) === asked)) throw errorResponse(404, t("error.notFound"));
  const shown = asked !== null ? Number(asked) : (years.at(-1)?.year ?? null);
  return json({ years, missing, shown, specialDays: shown === null ? [] : await specialDaysOf(prisma, shown) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, ["admin"]);
  const form = await readForm(request, MAX_BODY_BYTES, t("calendar.error.tooLarge"));
  const file = form.get("file");
  // Text where the file should be: a plain form post, not an upload.
  if (typeof file === "string") return errorResponse(415, t("calendar.error.notCsv"));
  if (!(file instanceof File) || (file.name === "" && file.size === 0)) return errorResponse(400, t("calendar.error.noFile"));
  if (!/\.csv$/i.test(file.name) || !CSV_TYPES.includes(file.type.split(";")[0].trim().toLowerCase()))
    return errorResponse(415, t("calendar.error.notCsv"));
  try {
    const text = decodeDgpaCsv(new Uint8Array(await file.arrayBuffer()));
    const imported = await importCalendarYear(prisma, text, user.id);
    return json({
      ok: t("calendar.imported", { year: imported.year, roc: imported.year - 1911, daysOff: imported.daysOff, filled: imported.filled }),
    });
  } catch (e) {
    if (e instanceof CalendarCsvError) return errorResponse(400, e.message);
    throw e;
  }
}

export default function CalendarAdmin() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>{t("calendar.title")}</h1>
      <p className="muted">{t("calendar.help")}</p>
      {d.missing.map((year) => (
        <p key={year} className="error" data-testid="missing-year">
          {t("calendar.missingYear", { year, roc: year - 1911 })}
        </p>
      ))}

      <Form method="post" encType="multipart/form-data" className="card">
        <h2>{t("calendar.import")}</h2>
        <label htmlFor="file">{t("calendar.file")}</label>
        <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        {result && "error" in result && (
          <p className="error" role="alert">
            {result.error}
          </p>
        )}
        {result && "ok" in result && (
          <p className="ok" role="status">
            {result.ok}
          </p>
        )}
        <p>
          <button type="submit" disabled={busy}>
            {t("calendar.submit")}
          </button>
        </p>
      </Form>

      <h2>{t("calendar.years")}</h2>
      {d.years.length === 0 ? (
        <p className="muted">{t("calendar.noYears")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t("calendar.year")}</th>
                <th className="num">{t("calendar.daysOff")}</th>
                <th>{t("calendar.makeUpDays")}</th>
                <th>{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {d.years.map((y) => (
                <tr key={y.year} data-testid={`year-${y.year}`}>
                  <td>{yearLabel(y.year)}</td>
                  <td className="num">{y.daysOff}</td>
                  <td>{y.makeUpDays.length === 0 ? t("common.none") : y.makeUpDays.map(rocDateLabel).join("、")}</td>
                  <td>
                    <Link to={`?year=${y.year}`}>{t("calendar.view")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {d.shown !== null && (
        <>
          <h2>{t("calendar.specialDays", { year: d.shown, roc: d.shown - 1911 })}</h2>
          <p className="muted">{t("calendar.specialDaysHelp")}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t("calendar.date")}</th>
                  <th>{t("calendar.weekday")}</th>
                  <th>{t("calendar.dayKind")}</th>
                  <th>{t("calendar.note")}</th>
                </tr>
              </thead>
              <tbody>
                {d.specialDays.map((day) => (
                  <tr key={day.date}>
                    <td>{rocDateLabel(day.date)}</td>
                    <td>{t(`calendar.weekday.${weekday(day.date)}` as MessageKey)}</td>
                    <td>{t(day.isHoliday ? "calendar.dayOff" : "calendar.workDay")}</td>
                    <td>{day.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
