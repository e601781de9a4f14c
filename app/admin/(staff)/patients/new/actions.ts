"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/app/_lib/form-action";
import type { FormState } from "@/app/_lib/form-state";
import { getDb } from "@/db/client";
import { addPatient } from "@/lib/patients/add-patient";
import { addPatientSchema } from "@/lib/validation/patient-record";

type Field =
  | "chartNumber"
  | "firstName"
  | "lastName"
  | "dateOfBirth"
  | "email"
  | "zip"
  | "phone"
  | "addressLine1"
  | "addressLine2"
  | "city"
  | "state"
  | "preferredLanguage"
  | "portalAccessEnabled"
  | "confirmDuplicate";
export type AddPatientState = FormState<Field, { duplicates: { id: string; name: string; chartNumber: string }[] }>;

const addPatientForm = formAction(
  {
    caller: "staff",
    fields: {
      chartNumber: "text",
      firstName: "text",
      lastName: "text",
      dateOfBirth: "text",
      email: "text",
      zip: "text",
      phone: "text",
      addressLine1: "text",
      addressLine2: "text",
      city: "text",
      state: "text",
      preferredLanguage: "text",
      portalAccessEnabled: "checkbox",
      confirmDuplicate: "checkbox",
    },
    schema: addPatientSchema,
  },
  async ({ confirmDuplicate, ...record }, { caller }): Promise<AddPatientState> => {
    const result = await addPatient(await getDb(), {
      record,
      staffId: caller.id,
      allowDuplicate: confirmDuplicate,
      now: new Date(),
    });
    if (!result.ok && result.reason === "chart_number_taken")
      return { errors: { chartNumber: [`A patient with chart number ${record.chartNumber} already exists`] } };
    if (!result.ok) {
      return {
        error:
          "A patient with the same last name and date of birth is already on file. Check it is not the same person, then tick the box below to add this patient anyway.",
        result: { duplicates: result.matches },
      };
    }
    redirect(`/admin/patients/${result.id}`);
  },
);

export async function addPatientAction(prev: AddPatientState, form: FormData): Promise<AddPatientState> {
  return addPatientForm(prev, form);
}
