import { Form } from "@remix-run/react";
import { useState } from "react";
import { t } from "~/locales";
import { KIOSK_RESET_SECONDS } from "~/modules/surveys/kiosk";
import { taipeiLocalInput } from "~/utils/dates";

type Options = {
  offices: Array<{ id: number; name: string; units: Array<{ id: number; name: string }> }>;
  versions: Array<{ id: number; label: string }>;
};

type Values = {
  label?: string;
  kind?: string;
  officeId?: number;
  unitId?: number | null;
  versionId?: number;
  opensAt?: string | null;
  closesAt?: string | null;
};

function FieldError({ messages }: { messages?: string[] }) {
  return messages?.length ? (
    <p className="error" role="alert">
      {messages.join("、")}
    </p>
  ) : null;
}

/** Create and edit form for a channel; the code field only appears when creating. */
export function ChannelForm({
  options,
  values = {},
  errors = {},
  creating,
}: {
  options: Options;
  values?: Values;
  errors?: Record<string, string[] | undefined>;
  creating: boolean;
}) {
  const [officeId, setOfficeId] = useState<number>(values.officeId ?? options.offices[0]?.id ?? 0);
  const units = options.offices.find((o) => o.id === officeId)?.units ?? [];
  return (
    <Form method="post" className="card">
      <label htmlFor="label">{t("channel.label")}</label>
      <input id="label" name="label" required maxLength={100} defaultValue={values.label ?? ""} />
      <FieldError messages={errors.label} />
      <label htmlFor="officeId">{t("channel.office")}</label>
      <select id="officeId" name="officeId" value={officeId} onChange={(e) => setOfficeId(Number(e.target.value))}>
        {options.offices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <FieldError messages={errors.officeId} />
      <label htmlFor="unitId">{t("channel.unit")}</label>
      <select id="unitId" name="unitId" defaultValue={values.unitId ?? ""} key={officeId}>
        <option value="">{t("channel.wholeOffice")}</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <FieldError messages={errors.unitId} />
      <label htmlFor="versionId">{t("channel.survey")}</label>
      <select id="versionId" name="versionId" defaultValue={values.versionId ?? options.versions[0]?.id}>
        {options.versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </select>
      <FieldError messages={errors.versionId} />
      <label htmlFor="kind">{t("channel.kind")}</label>
      <select id="kind" name="kind" defaultValue={values.kind ?? "qr"} aria-describedby="kind-help">
        {(["qr", "link", "kiosk"] as const).map((k) => (
          <option key={k} value={k}>
            {t(`channel.kind.${k}`)}
          </option>
        ))}
      </select>
      <p id="kind-help" className="muted">
        {t("channel.kindHelp", { seconds: KIOSK_RESET_SECONDS })}
      </p>
      {creating && (
        <>
          <label htmlFor="code">{t("channel.code")}</label>
          <input id="code" name="code" pattern="[A-Za-z0-9_\-]{3,64}" aria-describedby="code-help" />
          <p id="code-help" className="muted">
            {t("channel.codeHelp")}
          </p>
          <FieldError messages={errors.code} />
        </>
      )}
      <label htmlFor="opensAt">{t("channel.opensAt")}</label>
      <input id="opensAt" name="opensAt" type="datetime-local" defaultValue={taipeiLocalInput(values.opensAt ?? null)} />
      <FieldError messages={errors.opensAt} />
      <label htmlFor="closesAt">{t("channel.closesAt")}</label>
      <input id="closesAt" name="closesAt" type="datetime-local" defaultValue={taipeiLocalInput(values.closesAt ?? null)} />
      <FieldError messages={errors.closesAt} />
      <p>
        <button type="submit">{creating ? t("common.create") : t("common.save")}</button>
      </p>
    </Form>
  );
}
