import { useEffect, useRef, useState } from "react";
import { t, type MessageKey } from "~/locales";
import { ROLES, type Role } from "~/modules/org/roles";
import { OFFICE_KINDS } from "~/modules/org/office-kinds";
import type { FieldErrors } from "~/utils/errors";

type Option = { id: number; name: string };

export const officeKindLabel = (kind: string) => t(`officeKind.${kind}` as MessageKey) ?? kind;
export const roleLabel = (role: string) => t(`role.${role}` as MessageKey) ?? role;

export function ActiveBadge({ active }: { active: boolean }) {
  return <span className={`badge ${active ? "resolved" : "overdue"}`}>{t(active ? "admin.status.active" : "admin.status.inactive")}</span>;
}

/** A ref for an "add" form that empties it after each successful submission. */
export function useResetOnSuccess(result: { ok: boolean } | undefined) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.ok) ref.current?.reset();
  }, [result]);
  return ref;
}

/** A form's success message, or an error that belongs to no field (such as an unknown intent). */
export function FormOutcome({ result }: { result?: { ok: boolean; message?: string; errors: FieldErrors } }) {
  if (!result) return null;
  if (result.ok)
    return (
      <p className="ok" role="status">
        {result.message}
      </p>
    );
  return result.errors.intent ? (
    <p className="error" role="alert">
      {result.errors.intent.join("、")}
    </p>
  ) : null;
}

/** Attributes tying an input to its error message for screen readers. */
function describe(id: string, errors: FieldErrors, name: string) {
  const bad = Boolean(errors[name]?.length);
  return { id, name, "aria-invalid": bad || undefined, "aria-describedby": bad ? `${id}-error` : undefined };
}

export function FieldError({ id, errors, name }: { id: string; errors: FieldErrors; name: string }) {
  const messages = errors[name];
  if (!messages?.length) return null;
  return (
    <p className="error" id={`${id}-error`} role="alert">
      {messages.join("、")}
    </p>
  );
}

type TextFieldProps = {
  name: string;
  label: MessageKey;
  errors: FieldErrors;
  defaultValue?: string;
  idPrefix?: string;
  type?: string;
  required?: boolean;
  maxLength?: number;
  hint?: MessageKey;
  autoComplete?: string;
  inputMode?: "numeric";
};

export function TextField({
  name,
  label,
  errors,
  defaultValue,
  idPrefix = "",
  type = "text",
  required,
  maxLength,
  hint,
  autoComplete,
  inputMode,
}: TextFieldProps) {
  const id = `${idPrefix}${name}`;
  return (
    <div className="form-row">
      <label htmlFor={id}>{t(label)}</label>
      {hint && <p className="muted">{t(hint)}</p>}
      <input
        {...describe(id, errors, name)}
        type={type}
        defaultValue={defaultValue}
        required={required}
        maxLength={maxLength}
        autoComplete={autoComplete}
        inputMode={inputMode}
      />
      <FieldError id={id} errors={errors} name={name} />
    </div>
  );
}

type SelectFieldProps = {
  name: string;
  label: MessageKey;
  errors: FieldErrors;
  options: Array<{ value: string | number; label: string }>;
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  empty?: MessageKey;
  hint?: MessageKey;
};

export function SelectField({ name, label, errors, options, value, defaultValue, onChange, empty, hint }: SelectFieldProps) {
  return (
    <div className="form-row">
      <label htmlFor={name}>{t(label)}</label>
      {hint && <p className="muted">{t(hint)}</p>}
      <select
        {...describe(name, errors, name)}
        value={value}
        defaultValue={defaultValue}
        onChange={onChange && ((e) => onChange(e.target.value))}
      >
        {empty && <option value="">{t(empty)}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={name} errors={errors} name={name} />
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  errors,
  defaultChecked,
  idPrefix = "",
}: {
  name: string;
  label: MessageKey;
  errors: FieldErrors;
  defaultChecked?: boolean;
  idPrefix?: string;
}) {
  const id = `${idPrefix}${name}`;
  return (
    <div className="form-row">
      <label htmlFor={id}>
        <input {...describe(id, errors, name)} type="checkbox" defaultChecked={defaultChecked} /> {t(label)}
      </label>
      <FieldError id={id} errors={errors} name={name} />
    </div>
  );
}

type OfficeDefaults = {
  name: string;
  kind: string;
  city: string;
  district: string;
  authorityId: number;
  peerGroupId: number | null;
  phone: string;
  address: string;
  yearlyVisitors: number | null;
  active: boolean;
};

/** The office's own fields, shared by the create and edit forms. Peer groups follow the chosen kind. */
export function OfficeFields({
  authorities,
  peerGroups,
  errors,
  office,
}: {
  authorities: Option[];
  peerGroups: Array<Option & { kind: string }>;
  errors: FieldErrors;
  office?: OfficeDefaults;
}) {
  const [kind, setKind] = useState<string>(office?.kind ?? OFFICE_KINDS[0]);
  return (
    <>
      <TextField name="name" label="admin.office.name" errors={errors} defaultValue={office?.name} required maxLength={100} />
      <SelectField
        name="kind"
        label="admin.office.kind"
        errors={errors}
        value={kind}
        onChange={setKind}
        options={OFFICE_KINDS.map((k) => ({ value: k, label: officeKindLabel(k) }))}
      />
      <TextField name="city" label="admin.office.city" errors={errors} defaultValue={office?.city} required maxLength={20} />
      <TextField name="district" label="admin.office.district" errors={errors} defaultValue={office?.district} required maxLength={20} />
      <SelectField
        name="authorityId"
        label="admin.office.authority"
        errors={errors}
        empty="admin.form.choose"
        defaultValue={office ? String(office.authorityId) : undefined}
        options={authorities.map((a) => ({ value: a.id, label: a.name }))}
      />
      <SelectField
        // Remount when the kind changes so a group of the old kind is not kept selected.
        key={kind}
        name="peerGroupId"
        label="admin.office.peerGroup"
        hint="admin.office.peerGroupHint"
        errors={errors}
        empty="common.none"
        defaultValue={office && office.kind === kind && office.peerGroupId ? String(office.peerGroupId) : ""}
        options={peerGroups.filter((g) => g.kind === kind).map((g) => ({ value: g.id, label: g.name }))}
      />
      <TextField name="phone" label="admin.office.phone" errors={errors} defaultValue={office?.phone} type="tel" maxLength={30} />
      <TextField name="address" label="admin.office.address" errors={errors} defaultValue={office?.address} maxLength={200} />
      <TextField
        name="yearlyVisitors"
        label="admin.office.yearlyVisitors"
        hint="admin.office.yearlyVisitorsHint"
        errors={errors}
        defaultValue={office?.yearlyVisitors?.toString() ?? ""}
        inputMode="numeric"
        maxLength={12}
      />
      {office && <CheckboxField name="active" label="admin.form.active" errors={errors} defaultChecked={office.active} />}
    </>
  );
}

type ScopeDefaults = { role: string; authorityId: number | null; officeId: number | null; unitId: number | null };

/** Role and the scope it needs: an authority for analysts, an office (and unit) for office staff. */
export function ScopeFields({
  authorities,
  offices,
  units,
  errors,
  user,
}: {
  authorities: Option[];
  offices: Option[];
  units: Array<Option & { officeId: number }>;
  errors: FieldErrors;
  user?: ScopeDefaults;
}) {
  const [role, setRole] = useState<string>(user?.role ?? "manager");
  const [officeId, setOfficeId] = useState<string>(user?.officeId ? String(user.officeId) : "");
  const needsOffice = role === "manager" || role === "evaluator";
  return (
    <>
      <SelectField
        name="role"
        label="admin.user.role"
        errors={errors}
        value={role}
        onChange={setRole}
        options={ROLES.map((r: Role) => ({ value: r, label: roleLabel(r) }))}
      />
      <p className="muted">{t("admin.user.scopeHint")}</p>
      {role === "analyst" && (
        <SelectField
          name="authorityId"
          label="admin.user.authority"
          errors={errors}
          empty="admin.form.choose"
          defaultValue={user?.authorityId ? String(user.authorityId) : ""}
          options={authorities.map((a) => ({ value: a.id, label: a.name }))}
        />
      )}
      {needsOffice && (
        <>
          <SelectField
            name="officeId"
            label="admin.user.office"
            errors={errors}
            empty="admin.form.choose"
            value={officeId}
            onChange={setOfficeId}
            options={offices.map((o) => ({ value: o.id, label: o.name }))}
          />
          <SelectField
            key={officeId}
            name="unitId"
            label="admin.user.unit"
            errors={errors}
            empty="common.none"
            defaultValue={user?.unitId && String(user.officeId) === officeId ? String(user.unitId) : ""}
            options={units.filter((u) => String(u.officeId) === officeId).map((u) => ({ value: u.id, label: u.name }))}
          />
        </>
      )}
    </>
  );
}
