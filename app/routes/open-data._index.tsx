import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/locales";
import { MIN_PUBLISHED_CELL } from "~/modules/reports/open-data";
import { openDataListing } from "~/modules/reports/open-data.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: `${t("openData.page.title")}｜${t("app.name")}` }];

/** The public list of open-data files: anyone may read it, so it needs no session. */
export async function loader() {
  return json({ authorities: await openDataListing(prisma) }, { headers: { "Cache-Control": "public, max-age=3600" } });
}

export default function OpenDataIndex() {
  const { authorities } = useLoaderData<typeof loader>();
  return (
    <main className="page">
      <h1>{t("openData.page.title")}</h1>
      <p>{t("openData.page.intro", { min: MIN_PUBLISHED_CELL })}</p>
      {authorities.length === 0 ? (
        <p className="muted">{t("openData.page.none")}</p>
      ) : (
        <table>
          <caption>{t("openData.page.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("openData.page.authority")}</th>
              <th scope="col">{t("openData.page.year")}</th>
              <th scope="col">{t("openData.page.files")}</th>
            </tr>
          </thead>
          <tbody>
            {authorities.flatMap((a) =>
              a.years.map((year) => (
                <tr key={`${a.id}-${year}`}>
                  <th scope="row">{a.name}</th>
                  <td>{t("openData.page.rocYear", { roc: year - 1911, year })}</td>
                  <td>
                    <a href={`/open-data/${a.id}/${year}.csv`} download>
                      {t("openData.page.csv")}
                    </a>
                    {"　"}
                    <a href={`/open-data/${a.id}/${year}.ods`} download>
                      {t("openData.page.ods")}
                    </a>
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      <p>
        <Link to="/login">{t("openData.page.staff")}</Link>
      </p>
    </main>
  );
}
