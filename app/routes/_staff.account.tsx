import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormOutcome, TextField } from "~/components/AdminOrgForms";
import { TokenTable } from "~/components/TokenTable";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { formOk, runForm, unknownIntent, type FormResult } from "~/modules/org/form-actions.server";
import { createApiToken, listApiTokens, revokeApiToken, tokenCreateSchema, TOKEN_DAYS, MAX_TOKEN_DAYS } from "~/modules/org/tokens.server";
import { parseForm, tokenRevokeSchema } from "~/modules/org/validation";
import { notFound } from "~/utils/errors";
import { prisma } from "~/utils/db.server";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: `${t("account.title")}｜${t("app.name")}` }];

/** Every signed-in user's own page: who they are signed in as, and their own API tokens. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({
    user: { name: user.name, email: user.email, role: user.role },
    tokens: await listApiTokens(prisma, user.id),
    // From the loader: the component must not read a .server module's values.
    days: { usual: TOKEN_DAYS, max: MAX_TOKEN_DAYS },
  });
}

type AccountResult = FormResult & { token?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  return runForm(intent, async () => {
    switch (intent) {
      case "create-token": {
        const { label, days } = parseForm(tokenCreateSchema, form);
        const token = await createApiToken(prisma, user.id, label, days, user.id);
        return json<AccountResult>({ ok: true, intent, errors: {}, message: t("account.tokenCreated", { days }), token });
      }
      case "revoke-token": {
        const { tokenId } = parseForm(tokenRevokeSchema, form);
        // Only the user's own tokens: another user's id is a 404, as if it did not exist.
        if (!(await revokeApiToken(prisma, user.id, user.id, tokenId))) throw notFound();
        return formOk(intent, t("admin.user.tokenRevoked"));
      }
      default:
        return unknownIntent(intent);
    }
  });
}

export default function Account() {
  const { user, tokens, days } = useLoaderData<typeof loader>();
  const result = useActionData<AccountResult>();
  const outcome = (intent: string) => (result?.intent === intent ? result : undefined);
  const created = outcome("create-token");
  return (
    <>
      <h1>{t("account.title")}</h1>
      <p>
        {user.name}・{user.email}・{t(`role.${user.role}`)}
      </p>

      <h2>{t("admin.user.tokens")}</h2>
      <p className="muted">{t("account.tokensHelp")}</p>
      <TokenTable tokens={tokens} caption={t("account.tokenCaption")} empty={t("account.noTokens")} />
      <FormOutcome result={outcome("revoke-token")} />

      <h3>{t("account.newToken")}</h3>
      <Form method="post" className="card">
        <input type="hidden" name="intent" value="create-token" />
        <TextField name="label" label="account.tokenLabel" errors={created?.errors ?? {}} required maxLength={100} />
        <div className="form-row">
          <label htmlFor="days">{t("account.tokenDays", { max: days.max })}</label>
          <input id="days" name="days" type="number" min={1} max={days.max} defaultValue={days.usual} required />
        </div>
        <FormOutcome result={created} />
        {created?.token && (
          <p data-testid="new-token">
            {t("account.tokenOnce")}
            <br />
            <code>{created.token}</code>
          </p>
        )}
        <p>
          <button type="submit">{t("account.createToken")}</button>
        </p>
      </Form>
    </>
  );
}
