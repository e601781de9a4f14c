"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/dal";
import { addPatient } from "@/lib/patients/add-patient";
import { patientRecordSchema, type PatientRecord } from "@/lib/validation/patient-record";

type Field = keyof PatientRecord;
export type AddPatientState = {
  errors?: Partial<Record<Field, string[]>>;
  message?: string;
  values?: Record<string, string>;
  duplicates?: { id: string; name: string; chartNumber: string }[];
};

const TEXT_FIELDS = [
  "chartNumber",
  "firstName",
  "lastName",
  "dateOfBirth",
  "email",
  "zip",
  "phone",
  "addressLine1",
  "addressLine2",
  "city",
  "state",
];

export async function addPatientAction(_prev: AddPatientState, form: FormData): Promise<AddPatientState> {
  const staff = await requireStaff();
  const values = Object.fromEntries(
    TEXT_FIELDS.map((f) => [f, typeof form.get(f) === "string" ? String(form.get(f)).slice(0, 2000) : ""]),
  );
  const parsed = patientRecordSchema.safeParse({
    ...values,
    portalAccessEnabled: form.get("portalAccessEnabled") === "on",
  });
  if (!parsed.success) return { errors: z.flattenError(parsed.error).fieldErrors as AddPatientState["errors"], values };
  const result = await addPatient(await getDb(), {
    record: parsed.data,
    staffId: staff.id,
    allowDuplicate: form.get("confirmDuplicate") === "on",
    now: new Date(),
  });
  if (!result.ok && result.reason === "chart_number_taken")
    return {
      errors: { chartNumber: [`A patient with chart number ${parsed.data.chartNumber} already exists`] },
      values,
    };
  if (!result.ok) {
    return {
      message:
        "A patient with the same last name and date of birth is already on file. Check it is not the same person, then tick the box below to add this patient anyway.",
      values,
      duplicates: result.matches,
    };
  }
  redirect(`/admin/patients/${result.id}`);
}
