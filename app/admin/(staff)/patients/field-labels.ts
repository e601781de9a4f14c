// The on-file fields as staff see them, for Basic Data and Add patient (error summaries link to them).
export const PATIENT_FIELD_LABELS = {
  chartNumber: "Chart number",
  firstName: "First name",
  lastName: "Last name",
  dateOfBirth: "Date of birth",
  email: "Email",
  zip: "ZIP code",
  phone: "Phone",
  addressLine1: "Address",
  addressLine2: "Address line 2",
  city: "City",
  state: "State",
  preferredLanguage: "Preferred language",
} as const;
