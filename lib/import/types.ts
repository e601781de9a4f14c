// The shapes passed between the import steps: file → records → plan → database. Types only.
import type { PatientRecord } from "@/lib/validation/patient-record";

export type ImportSource = "csv" | "fhir";

/** A field of patientRecordSchema's input. */
export type RecordField = keyof PatientRecord;

/** One line of the report. No row: the file as a whole (header, syntax). */
export type ImportProblem = { row?: number; field?: string; message: string };

/**
 * One patient as the file states it, still unchecked. Only the fields the file states are keys of `input`:
 * on update, a field the file does not state (a CSV column left out, FHIR's missing portal access) is kept.
 */
export type RawRecord = {
  /** The row number as the user sees it: CSV line from 2, bundle entry from 1, NDJSON line from 1. */
  row: number;
  input: Partial<Record<RecordField, unknown>>;
  /** Found while reading the row, before the schema ran (e.g. "maybe" for portal access). */
  problems: ImportProblem[];
  /** Not a patient at all (bad JSON, no resource): reported as is, without the schema's field messages. */
  unreadable?: boolean;
};

export type ParsedImport = {
  source: ImportSource;
  records: RawRecord[];
  /** Problems with the file itself; when the header is broken, rows are not checked at all. */
  problems: ImportProblem[];
  /** Things the user should know that are not problems (skipped non-Patient entries). */
  notes: string[];
  /** How the report names each field: the CSV column, or the FHIR element it came from. */
  fieldNames: Record<RecordField, string>;
  /** Rows read but not checked, because the file-level problems make checking them pointless. */
  uncheckedRows: number;
};

/** The columns of a patient the import compares and writes. */
export type ExistingPatient = PatientRecord & { id: string; version: number };

export type PlannedUpdate = {
  row: number;
  id: string;
  chartNumber: string;
  /** The version the plan was made against: the update fails if someone saved the patient since. */
  version: number;
  changes: Partial<PatientRecord>;
};

export type ImportPlan = {
  adds: { row: number; record: PatientRecord }[];
  updates: PlannedUpdate[];
  unchanged: { row: number; id: string }[];
  problems: ImportProblem[];
  rowsWithProblems: number;
};

export type ImportOutcome = { plan: ImportPlan; written: boolean };
