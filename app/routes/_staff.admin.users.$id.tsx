import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActiveBadge, CheckboxField, FormOutcome, ScopeFields, TextField, useResetOnSuccess } from "~/components/AdminOrgForms";
import { TokenTable } from "~/components/TokenTable";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { formOk, found, runForm, unknownIntent, type FormResult } from "~/modules/org/form-actions.server";
import { endUserSessions, getUserDetail, resetPassword, updateUser, userFormOptions } from "~/modules/org/users.server";
import { listApiTokens, revokeApiToken } from "~/modules/org/tokens.server";
import { parseForm, passwordResetSchema, tokenRevokeSchema, userUpdateSchema } from "~/modules/org/validation";
import { notFound } from "~/utils/errors";
import { prisma } from "~/utils/db.server";
import { idParam, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? t("admin.user.title")}｜${t("app.name")}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUser(request, ["admin"]);
  const user = found(await getUserDetail(prisma, idParam(params.id)));
  return json({ user, isSelf: user.id === admin.id, tokens: await listApiTokens(prisma, user.id), ...(await userFormOptions(prisma)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, ["admin"]);
  const { id: userId } = found(await getUserDetail(prisma, idParam(params.id)));
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  return runForm(intent, async () => {
    switch (intent) {
      case "update-user":
        await updateUser(prisma, admin.id, userId, parseForm(userUpdateSchema, form));
        return formOk(intent, t("common.saved"));
      case "reset-password":
        await resetPassword(prisma, admin.id, userId, parseForm(passwordResetSchema, form).password);
        return formOk(intent, t("admin.user.passwordReset"));
      case "revoke-token": {
        const tokenId = parseForm(tokenRevokeSchema, form).tokenId;
        if (!(await revokeApiToken(prisma, admin.id, userId, tokenId))) throw notFound();
        return formOk(intent, t("admin.user.tokenRevoked"));
      }
      case "end-sessions":
        return formOk(intent, t("admin.user.sessionsEnded", { n: await endUserSessions(prisma, admin.id, userId) }));
      default:
        return unknownIntent(intent);
    }
  });
}

export default function AdminUser() {
  const { user, isSelf, tokens, authorities, offices, units } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  const outcome = (intent: string) => (result?.intent === intent ? result : undefined);
  const passwordForm = useResetOnSuccess(outcome("reset-password"));
  return (
    <>
      <p>
        <Link to="/admin/users">{t("admin.user.back")}</Link>
      </p>
      <h1>
        {user.name} <ActiveBadge active={user.active} />
      </h1>
      <p className="muted">{user.email}</p>

      <h2>{t("admin.user.edit")}</h2>
      <Form method="post" className="card">
        <input type="hidden" name="intent" value="update-user" />
        <TextField
          name="name"
          label="admin.user.name"
          errors={outcome("update-user")?.errors ?? {}}
          defaultValue={user.name}
          required
          maxLength={100}
        />
        <ScopeFields authorities={authorities} offices={offices} units={units} errors={outcome("update-user")?.errors ?? {}} user={user} />
        <CheckboxField name="active" label="admin.form.active" errors={outcome("update-user")?.errors ?? {}} defaultChecked={user.active} />
        {isSelf && (
          <p className="muted">
            {t("admin.user.selfDemote")}
            {t("admin.user.selfDeactivate")}
          </p>
        )}
        <FormOutcome result={outcome("update-user")} />
        <p>
          <button type="submit">{t("common.save")}</button>
        </p>
      </Form>

      <h2>{t("admin.user.resetPassword")}</h2>
      <Form method="post" className="card" ref={passwordForm}>
        <input type="hidden" name="intent" value="reset-password" />
        <TextField
          idPrefix="reset-"
          name="password"
          label="admin.user.newPassword"
          hint="admin.user.passwordHint"
          type="password"
          autoComplete="new-password"
          errors={outcome("reset-password")?.errors ?? {}}
          required
        />
        <FormOutcome result={outcome("reset-password")} />
        <p>
          <button type="submit">{t("admin.user.resetPassword")}</button>
        </p>
      </Form>

      <h2>{t("admin.user.tokens")}</h2>
      <TokenTable tokens={tokens} caption={t("admin.user.tokenCaption", { name: user.name })} empty={t("admin.user.noTokens")} />
      <FormOutcome result={outcome("revoke-token")} />

      <h2>{t("admin.user.endSessions")}</h2>
      <Form method="post" className="card">
        <input type="hidden" name="intent" value="end-sessions" />
        <p className="muted">{t("admin.user.endSessionsHint")}</p>
        <FormOutcome result={outcome("end-sessions")} />
        <p>
          <button type="submit" className="secondary">
            {t("admin.user.endSessions")}
          </button>
        </p>
      </Form>
    </>
  );
}
