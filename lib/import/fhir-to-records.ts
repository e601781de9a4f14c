// FHIR R4 Patient resources (a Bundle, or NDJSON as bulk export writes it) turned into unchecked records.
// A resource is the sending system's whole picture of the patient, so a missing email or address clears
// ours on update; only what FHIR has no word for (portal access) or leaves unsaid (status, a preferred language
// we do not write in) is kept.
import { normalizeState } from "./normalize-state";
import type { ImportProblem, ParsedImport, RawRecord, RecordField } from "./types";

type Json = Record<string, unknown>;

const FIELD_NAMES: Record<RecordField, string> = {
  chartNumber: "identifier",
  firstName: "name.given",
  lastName: "name.family",
  dateOfBirth: "birthDate",
  email: "telecom (email)",
  zip: "address.postalCode",
  phone: "telecom (phone)",
  addressLine1: "address.line[0]",
  addressLine2: "address.line[1]",
  city: "address.city",
  state: "address.state",
  chartStatus: "active/deceased",
  portalAccessEnabled: "portal access",
  preferredLanguage: "communication (preferred)",
};

export function fhirToRecords(text: string, shape: "bundle" | "ndjson"): ParsedImport {
  const parsed: ParsedImport = {
    source: "fhir",
    records: [],
    problems: [],
    notes: [],
    fieldNames: FIELD_NAMES,
    uncheckedRows: 0,
  };
  const take = (row: number, resource: unknown) => {
    const type = isObject(resource) ? str(resource.resourceType) : undefined;
    if (type === "Patient") parsed.records.push(toRecord(row, resource as Json));
    else if (type)
      parsed.notes.push(`row ${row}: skipped: ${type} is not a Patient resource (only Patient resources are imported)`);
    else parsed.records.push(unreadable(row, "has no FHIR resource (no resourceType)"));
  };

  if (shape === "ndjson") {
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      try {
        take(i + 1, JSON.parse(line));
      } catch (error) {
        parsed.records.push(unreadable(i + 1, `is not valid JSON (${(error as Error).message})`));
      }
    });
    return parsed;
  }

  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    parsed.problems.push({ message: `the file is not valid JSON (${(error as Error).message})` });
    return parsed;
  }
  const type = isObject(doc) ? str(doc.resourceType) : undefined;
  // A lone Patient is a one-row file, not a mistake.
  if (type === "Patient") take(1, doc);
  else if (type !== "Bundle")
    parsed.problems.push({
      message: `expected a FHIR Bundle of Patient resources, found ${type ?? "no resourceType"}`,
    });
  else {
    const entries = (doc as Json).entry;
    if (entries !== undefined && !Array.isArray(entries))
      parsed.problems.push({ message: "the Bundle's entry is not a list" });
    else for (const [i, entry] of (entries ?? []).entries()) take(i + 1, isObject(entry) ? entry.resource : undefined);
  }
  return parsed;
}

function toRecord(row: number, p: Json): RawRecord {
  const problems: ImportProblem[] = [];
  const name = pickName(list(p.name));
  const address = list(p.address)[0] ?? {};
  const lines = Array.isArray(address.line) ? address.line.map(str) : [];
  const birthDate = str(p.birthDate) ?? "";
  // FHIR allows a year or a month alone; the schema's message ("MM/DD/YYYY") would not explain that.
  if (/^\d{4}(-\d{2})?$/.test(birthDate)) {
    problems.push({
      row,
      field: FIELD_NAMES.dateOfBirth,
      message: `${birthDate} is only part of a date: a full YYYY-MM-DD birth date is needed`,
    });
  }
  const input: RawRecord["input"] = {
    chartNumber: pickChartNumber(list(p.identifier)) ?? "",
    firstName: Array.isArray(name?.given) ? (str(name.given[0]) ?? "") : "",
    lastName: str(name?.family) ?? "",
    dateOfBirth: birthDate,
    email: pickTelecom(list(p.telecom), "email", ["home", undefined, "mobile", "work"]) ?? "",
    phone: pickTelecom(list(p.telecom), "phone", ["mobile", "home", undefined, "work"]) ?? "",
    addressLine1: lines[0] ?? "",
    addressLine2: lines[1] ?? "",
    city: str(address.city) ?? "",
    state: normalizeState(str(address.state) ?? ""),
    zip: str(address.postalCode) ?? "",
  };
  if (p.deceasedBoolean === true || str(p.deceasedDateTime)) input.chartStatus = "deceased";
  else if (p.active === false) input.chartStatus = "inactive";
  // Saying so (active: true, or deceasedBoolean: false) brings a patient back; silence keeps their status.
  else if (p.active === true || p.deceasedBoolean === false) input.chartStatus = "active";
  const language = preferredLanguage(list(p.communication));
  if (language) input.preferredLanguage = language;
  return { row, input, problems };
}

// The communication the sender marks preferred, by its BCP 47 code ("es", "es-MX", "en-US"); a language we do not
// write emails in says nothing we can use, so the patient's current choice stays.
function preferredLanguage(communication: Json[]): "en" | "es" | undefined {
  const preferred = communication.find((c) => c.preferred === true);
  const language = isObject(preferred?.language) ? preferred.language : undefined;
  const codes = [...list(language?.coding).map((c) => str(c.code)), str(language?.text)];
  for (const code of codes) {
    const primary = code?.trim().toLowerCase().split(/[-_]/)[0];
    if (primary === "en" || primary === "es") return primary;
  }
  return undefined;
}

function pickName(names: Json[]): Json | undefined {
  return (
    names.find((n) => n.use === "official") ?? names.find((n) => n.use !== "old" && n.use !== "maiden") ?? names[0]
  );
}

// The medical record number is the chart number; other identifiers (SSN, driver's licence) are not.
function pickChartNumber(identifiers: Json[]): string | undefined {
  const isMr = (id: Json) => isObject(id.type) && list(id.type.coding).some((c) => c.code === "MR");
  return str((identifiers.find(isMr) ?? identifiers[0])?.value);
}

// Out-of-date contacts never win; then the sender's own rank; then the use that best reaches the patient.
function pickTelecom(telecom: Json[], system: string, useOrder: (string | undefined)[]): string | undefined {
  const placeOfUse = (t: Json) => {
    const i = useOrder.indexOf(str(t.use));
    return i === -1 ? useOrder.length : i;
  };
  const rank = (t: Json) => (typeof t.rank === "number" ? t.rank : Infinity);
  const candidates = telecom.filter((t) => t.system === system && str(t.value) && t.use !== "old" && !ended(t.period));
  candidates.sort((a, b) => rank(a) - rank(b) || placeOfUse(a) - placeOfUse(b));
  return str(candidates[0]?.value);
}

function ended(period: unknown): boolean {
  const end = isObject(period) ? str(period.end) : undefined;
  return !!end && end.slice(0, 10) < new Date().toISOString().slice(0, 10);
}

function unreadable(row: number, message: string): RawRecord {
  return { row, input: {}, problems: [{ row, message }], unreadable: true };
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function list(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}
function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}
