import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "~/utils/zod";
import { t } from "~/locales";
import { getUser } from "~/modules/org/auth.server";
import { attemptLogin } from "~/modules/org/login-lockout.server";
import { prisma } from "~/utils/db.server";
import { clientIp, readForm } from "~/utils/http.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { createUserSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: `${t("auth.login.title")}｜${t("app.name")}` }];

const schema = z.object({
  email: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) return redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const address = clientIp(request, context);
  const wait = await hitRateLimit(RATE_LIMITS.login, address);
  if (wait > 0) return json({ error: t("auth.login.rateLimited") }, { status: 429, headers: { "Retry-After": String(wait) } });
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ error: t("auth.login.failed") }, { status: 400 });
  const attempt = await attemptLogin(prisma, parsed.data.email, parsed.data.password, address);
  if (attempt.ok) return createUserSession(request, attempt.user.id, safeRedirect(parsed.data.redirectTo));
  if (attempt.lock === null) return json({ error: t("auth.login.failed") }, { status: 400 });
  const { seconds, by } = attempt.lock;
  return json(
    { error: t(by === "account" ? "auth.login.locked" : "auth.login.addressLocked", { minutes: Math.ceil(seconds / 60) }) },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <main className="page narrow">
      <div className="card">
        <h1>{t("app.name")}</h1>
        <p className="muted">{t("app.tagline")}</p>
        <Form method="post">
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <label htmlFor="email">{t("auth.login.email")}</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
          <label htmlFor="password">{t("auth.login.password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
          {data?.error && (
            <p className="error" role="alert">
              {data.error}
            </p>
          )}
          <p>
            <button type="submit" disabled={busy}>
              {t("auth.login.submit")}
            </button>
          </p>
        </Form>
      </div>
      <p>
        <Link to="/open-data">{t("openData.page.link")}</Link>
      </p>
    </main>
  );
}
