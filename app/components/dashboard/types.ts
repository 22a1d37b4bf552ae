import type { SerializeFrom } from "@remix-run/node";
import { officeKindLabel } from "~/components/AdminOrgForms";
import { t, type MessageKey } from "~/locales";
import type { DashboardData } from "~/modules/reports/dashboard.server";

/** What the /reports loader sends, as the page receives it. */
export type DashboardView = SerializeFrom<DashboardData>;
export type FigureRow = DashboardView["rows"][number];

export const dimensionLabel = (d: string) => t(`dimension.${d}` as MessageKey) ?? d;
export { officeKindLabel };
