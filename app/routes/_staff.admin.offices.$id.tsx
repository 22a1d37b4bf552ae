import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  ActiveBadge,
  CheckboxField,
  FormOutcome,
  FieldError,
  OfficeFields,
  TextField,
  useResetOnSuccess,
} from "~/components/AdminOrgForms";
import { t } from "~/locales";
import { requireUser } from "~/modules/org/auth.server";
import { formOk, found, runForm, unknownIntent, type FormResult } from "~/modules/org/form-actions.server";
import {
  addExtension,
  addUnit,
  deleteExtension,
  getOfficeDetail,
  officeFormOptions,
  renameUnit,
  updateOffice,
} from "~/modules/org/offices.server";
import {
  extensionCreateSchema,
  extensionDeleteSchema,
  officeUpdateSchema,
  parseForm,
  unitCreateSchema,
  unitRenameSchema,
} from "~/modules/org/validation";
import { prisma } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/errors";
import { idParam, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.office.name ?? t("admin.office.title")}｜${t("app.name")}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ["admin"]);
  const office = found(await getOfficeDetail(prisma, idParam(params.id)));
  return json({ office, ...(await officeFormOptions(prisma)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUser(request, ["admin"]);
  const { id: officeId } = found(await getOfficeDetail(prisma, idParam(params.id)));
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const target = String(form.get("unitId") ?? form.get("extensionId") ?? "") || undefined;
  return runForm(
    intent,
    async () => {
      switch (intent) {
        case "update-office":
          await updateOffice(prisma, admin.id, officeId, parseForm(officeUpdateSchema, form));
          return formOk(intent, t("common.saved"));
        case "add-unit":
          await addUnit(prisma, admin.id, officeId, parseForm(unitCreateSchema, form));
          return formOk(intent, t("admin.form.created"));
        case "rename-unit":
          await renameUnit(prisma, admin.id, officeId, parseForm(unitRenameSchema, form));
          return formOk(intent, t("common.saved"), target);
        case "add-extension":
          await addExtension(prisma, admin.id, officeId, parseForm(extensionCreateSchema, form));
          return formOk(intent, t("admin.form.created"), target);
        case "delete-extension":
          await deleteExtension(prisma, admin.id, officeId, parseForm(extensionDeleteSchema, form).extensionId);
          return formOk(intent, t("admin.form.deleted"), target);
        default:
          return unknownIntent(intent);
      }
    },
    target,
  );
}

export default function AdminOffice() {
  const { office, authorities, peerGroups } = useLoaderData<typeof loader>();
  const result = useActionData<FormResult>();
  // Each form shows only its own outcome: the intent, and for per-unit forms the unit.
  const outcome = (intent: string, target?: number) =>
    result && result.intent === intent && (target === undefined || result.target === String(target)) ? result : undefined;
  const errorsOf = (intent: string, target?: number): FieldErrors => outcome(intent, target)?.errors ?? {};
  const addExtensionForm = useResetOnSuccess(outcome("add-extension"));
  const addUnitForm = useResetOnSuccess(outcome("add-unit"));
  return (
    <>
      <p>
        <Link to="/admin/offices">{t("admin.office.back")}</Link>
      </p>
      <h1>
        {office.name} <ActiveBadge active={office.active} />
      </h1>

      <h2>{t("admin.office.edit")}</h2>
      <Form method="post" className="card">
        <input type="hidden" name="intent" value="update-office" />
        <OfficeFields authorities={authorities} peerGroups={peerGroups} errors={errorsOf("update-office")} office={office} />
        <FormOutcome result={outcome("update-office")} />
        <p>
          <button type="submit">{t("common.save")}</button>
        </p>
      </Form>

      <h2>{t("admin.unit.title")}</h2>
      {office.units.length === 0 && <p className="muted">{t("admin.unit.none")}</p>}
      {office.units.map((unit) => (
        <section key={unit.id} className="card" aria-labelledby={`unit-${unit.id}`}>
          <h3 id={`unit-${unit.id}`}>
            {unit.name} {unit.isSwitchboard && <span className="badge">{t("admin.unit.switchboard")}</span>}
          </h3>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="rename-unit" />
            <input type="hidden" name="unitId" value={unit.id} />
            <TextField
              idPrefix={`rename-${unit.id}-`}
              name="name"
              label="admin.unit.newName"
              errors={errorsOf("rename-unit", unit.id)}
              defaultValue={unit.name}
              required
              maxLength={50}
            />
            <button type="submit" className="secondary">
              {t("admin.unit.rename")}
            </button>
          </Form>
          <FormOutcome result={outcome("rename-unit", unit.id)} />

          {unit.extensions.length === 0 ? (
            <p className="muted">{t("admin.extension.none")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t("admin.extension.number")}</th>
                    <th>{t("admin.extension.label")}</th>
                    <th>{t("common.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {unit.extensions.map((ext) => (
                    <tr key={ext.id}>
                      <td>{ext.number}</td>
                      <td>{ext.label}</td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="delete-extension" />
                          <input type="hidden" name="extensionId" value={ext.id} />
                          <button type="submit" className="secondary" aria-label={`${t("common.delete")} ${ext.number}`}>
                            {t("common.delete")}
                          </button>
                        </Form>
                        <FieldError id={`ext-${ext.id}`} errors={errorsOf("delete-extension", ext.id)} name="extensionId" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <Form method="post" className="inline-form" ref={result?.target === String(unit.id) ? addExtensionForm : undefined}>
            <input type="hidden" name="intent" value="add-extension" />
            <input type="hidden" name="unitId" value={unit.id} />
            <TextField
              idPrefix={`ext-${unit.id}-`}
              name="number"
              label="admin.extension.number"
              errors={errorsOf("add-extension", unit.id)}
              required
              maxLength={10}
            />
            <TextField
              idPrefix={`ext-${unit.id}-`}
              name="label"
              label="admin.extension.label"
              errors={errorsOf("add-extension", unit.id)}
              maxLength={50}
            />
            <button type="submit" className="secondary">
              {t("admin.extension.add")}
            </button>
          </Form>
          <FormOutcome result={outcome("add-extension", unit.id)} />
        </section>
      ))}

      <h2>{t("admin.unit.add")}</h2>
      <Form method="post" className="card" ref={addUnitForm}>
        <input type="hidden" name="intent" value="add-unit" />
        <TextField idPrefix="new-unit-" name="name" label="admin.unit.name" errors={errorsOf("add-unit")} required maxLength={50} />
        <CheckboxField idPrefix="new-unit-" name="isSwitchboard" label="admin.unit.isSwitchboard" errors={errorsOf("add-unit")} />
        <FormOutcome result={outcome("add-unit")} />
        <p>
          <button type="submit">{t("common.create")}</button>
        </p>
      </Form>
    </>
  );
}
