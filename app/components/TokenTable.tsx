import { Form } from "@remix-run/react";
import { t } from "~/locales";
import { taipeiDateTime } from "~/utils/dates";

export type TokenRow = {
  id: number;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

/** A user's API tokens with a revoke button each: the admin's user page and the user's own account page. */
export function TokenTable({ tokens, caption, empty }: { tokens: TokenRow[]; caption: string; empty: string }) {
  if (tokens.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("admin.user.tokenLabel")}</th>
          <th scope="col">{t("admin.user.tokenCreated")}</th>
          <th scope="col">{t("admin.user.tokenLastUsed")}</th>
          <th scope="col">{t("admin.user.tokenExpires")}</th>
          <th scope="col">{t("admin.user.tokenState")}</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((k) => (
          <tr key={k.id}>
            <td>{k.label || "—"}</td>
            <td>{taipeiDateTime(k.createdAt)}</td>
            <td>{k.lastUsedAt ? taipeiDateTime(k.lastUsedAt) : t("admin.user.tokenNeverUsed")}</td>
            <td>{k.expiresAt ? taipeiDateTime(k.expiresAt) : "—"}</td>
            <td>
              {k.revokedAt ? (
                t("admin.user.tokenRevokedAt", { at: taipeiDateTime(k.revokedAt) })
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-token" />
                  <input type="hidden" name="tokenId" value={k.id} />
                  <button type="submit" className="secondary">
                    {t("admin.user.revokeToken")}
                  </button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
