// The data model of the whole portal: on-file patients, their portal accounts, one-time links, staff,
// the email outbox, the append-only audit trail, verification attempts and shared rate-limit counters.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const chartStatus = pgEnum("chart_status", ["active", "inactive", "deceased"]);
export const staffRole = pgEnum("staff_role", ["admin", "front_desk"]);
export const tokenPurpose = pgEnum("token_purpose", ["setup", "reset", "staff_invite", "second_step_recovery"]);
// Kept on patients by triggers (migration 0005) so that lists filter and count by an index; see db/portal-status.ts.
export const portalStatus = pgEnum("portal_status", ["inactive", "unactivated", "active"]);
export const outboxStatus = pgEnum("outbox_status", ["queued", "sending", "sent", "failed", "held"]);

export const patients = pgTable(
  "patients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    chartNumber: text("chart_number").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    // A calendar date: no time zone may shift a birthday.
    dateOfBirth: date("date_of_birth", { mode: "string" }).notNull(),
    email: text("email"),
    zip: text("zip"),
    phone: text("phone"),
    addressLine1: text("address_line1"),
    addressLine2: text("address_line2"),
    city: text("city"),
    state: text("state"),
    chartStatus: chartStatus("chart_status").notNull().default("active"),
    portalAccessEnabled: boolean("portal_access_enabled").notNull().default(false),
    // Derived, never written by the app: triggers on patients and portal_accounts compute it, the one place the
    // rule lives (db/queries/portal-status-combinations.test.ts checks every combination).
    portalStatus: portalStatus("portal_status").notNull().default("inactive"),
    photoUrl: text("photo_url"),
    // The language the practice writes to this patient in: invitations and notices staff set off (see
    // lib/email/practice-email-locale.ts). Self-service emails follow the language of the form instead.
    preferredLanguage: text("preferred_language", { enum: ["en", "es"] })
      .notNull()
      .default("en"),
    // Sending a link soon after the address changed is how account takeovers by phone work: staff must confirm.
    emailChangedAt: ts("email_changed_at"),
    // The address on file before that change: a link asked for soon after it is reported there
    // (docs/security.md A3).
    emailBeforeChange: text("email_before_change"),
    // Optimistic concurrency: a save names the version it was read at.
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("patients_chart_number_key").on(t.chartNumber),
    // text_pattern_ops: prefix searches (LIKE 'x%') can use these under any collation, equality too.
    index("patients_email_lower_idx").on(sql`lower(${t.email}) text_pattern_ops`),
    // A last-name search gathers its matches' list-order keys and status from this index alone (the names are
    // also there for the LIKE recheck).
    index("patients_last_name_lower_idx").on(
      sql`lower(${t.lastName}) text_pattern_ops`,
      t.lastName,
      t.firstName,
      t.id,
      t.portalStatus,
    ),
    index("patients_first_name_lower_idx").on(sql`lower(${t.firstName}) text_pattern_ops`),
    index("patients_dob_idx").on(t.dateOfBirth),
    index("patients_name_order_idx").on(t.lastName, t.firstName, t.id),
    // A status filter's pages in list order, and capped status counts, straight from the index.
    index("patients_status_name_idx").on(t.portalStatus, t.lastName, t.firstName, t.id),
    // Status counts of a name search: one status's matches are one range of these, read without the table (the
    // names are in the index for the LIKE recheck; drizzle has no INCLUDE, so they are trailing keys).
    index("patients_status_last_name_lower_idx").on(
      t.portalStatus,
      sql`lower(${t.lastName}) text_pattern_ops`,
      t.lastName,
      t.firstName,
    ),
    index("patients_status_first_name_lower_idx").on(
      t.portalStatus,
      sql`lower(${t.firstName}) text_pattern_ops`,
      t.firstName,
      t.lastName,
    ),
    check("patients_preferred_language_known", sql`${t.preferredLanguage} in ('en', 'es')`),
  ],
);

export const portalAccounts = pgTable(
  "portal_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    username: text("username").notNull(),
    passwordHash: text("password_hash").notNull(),
    activatedAt: ts("activated_at"),
    lastLoginAt: ts("last_login_at"),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lastFailedLoginAt: ts("last_failed_login_at"),
    lockedUntil: ts("locked_until"),
    // Bumped to revoke every session (JWTs cannot be recalled): password set, access off, sign out everywhere.
    sessionVersion: integer("session_version").notNull().default(1),
    passwordChangedAt: ts("password_changed_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("portal_accounts_patient_key").on(t.patientId),
    uniqueIndex("portal_accounts_username_lower_key").on(sql`lower(${t.username})`),
  ],
);

export const staffUsers = pgTable(
  "staff_users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    role: staffRole("role").notNull().default("front_desk"),
    // Null until the staff member follows their invitation and chooses a password.
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    sessionVersion: integer("session_version").notNull().default(1),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedUntil: ts("locked_until"),
    lastLoginAt: ts("last_login_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("staff_users_email_lower_key").on(sql`lower(${t.email})`)],
);

export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // SHA-256 of the emailed token, hex: the token itself is never stored.
    tokenHash: text("token_hash").notNull(),
    purpose: tokenPurpose("purpose").notNull(),
    patientId: uuid("patient_id").references(() => patients.id, { onDelete: "cascade" }),
    staffUserId: uuid("staff_user_id").references(() => staffUsers.id, { onDelete: "cascade" }),
    issuedByStaffId: uuid("issued_by_staff_id").references(() => staffUsers.id),
    issuedVia: text("issued_via").notNull().default("self_service"), // self_service | staff | bulk | reminder
    // The account's session_version when issued: a later password change makes the link stale.
    credentialVersion: integer("credential_version").notNull().default(0),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    revokedAt: ts("revoked_at"),
    revokedReason: text("revoked_reason"),
  },
  (t) => [
    uniqueIndex("account_tokens_hash_key").on(t.tokenHash),
    index("account_tokens_patient_idx").on(t.patientId, t.purpose, t.createdAt),
    index("account_tokens_staff_idx").on(t.staffUserId, t.purpose, t.createdAt),
  ],
);

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recipient: text("recipient").notNull(),
    template: text("template").notNull(),
    // Non-secret template data; a link carrying a token is sealed separately and wiped once sent.
    data: jsonb("data").notNull().default({}),
    sealedSecret: text("sealed_secret"),
    patientId: uuid("patient_id").references(() => patients.id, { onDelete: "set null" }),
    status: outboxStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    claimedUntil: ts("claimed_until"),
    providerMessageId: text("provider_message_id"),
    idempotencyKey: text("idempotency_key").notNull(),
    bulkInvitationId: uuid("bulk_invitation_id"),
    // Set before a provider batch call: after a crash the same rows are sent again as the same batch, under
    // the same idempotency key, so the provider does not deliver them twice.
    batchKey: text("batch_key"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: ts("sent_at"),
  },
  (t) => [
    uniqueIndex("email_outbox_idempotency_key").on(t.idempotencyKey),
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_recipient_idx").on(sql`lower(${t.recipient})`, t.createdAt),
    // The per-recipient cap counts by mailbox (email_mailbox() is created in 0007_outbox_mailbox.sql) the emails
    // that were not held. Held ones stay out of the index: a mailbox flooded past its cap gains a held row per
    // request, and counting through them made each check slower the longer a flood went on.
    index("email_outbox_mailbox_idx")
      .on(sql`email_mailbox(${t.recipient})`, t.createdAt)
      .where(sql`${t.status} <> 'held'`),
    index("email_outbox_patient_idx").on(t.patientId, t.createdAt),
    index("email_outbox_bulk_idx").on(t.bulkInvitationId),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: ts("occurred_at").notNull().defaultNow(),
    actorType: text("actor_type").notNull(), // staff | patient | system | anonymous
    actorStaffId: uuid("actor_staff_id"),
    patientId: uuid("patient_id"),
    event: text("event").notNull(),
    // Never a password, token, DOB, ZIP or typed name; emails only as an HMAC.
    details: jsonb("details").notNull().default({}),
  },
  (t) => [
    index("audit_events_patient_idx").on(t.patientId, t.occurredAt),
    index("audit_events_time_idx").on(t.occurredAt),
    index("audit_events_event_idx").on(t.event, t.occurredAt),
  ],
);

export const verificationAttempts = pgTable(
  "verification_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    createdAt: createdAt(),
    flow: text("flow").notNull(), // register | forgot_password | forgot_username | second_step_recovery
    ipHash: text("ip_hash"),
    emailHmac: text("email_hmac").notNull(),
    // What was typed, sealed until the worker has matched it, then wiped.
    sealedInput: text("sealed_input"),
    processedAt: ts("processed_at"),
    outcome: text("outcome"), // matched | no_match | ambiguous | access_off | rate_limited
    matchedPatientId: uuid("matched_patient_id").references(() => patients.id, { onDelete: "set null" }),
    // When the email named exactly one patient: which of last name, DOB and ZIP did not match.
    emailPatientId: uuid("email_patient_id").references(() => patients.id, { onDelete: "set null" }),
    mismatchedFields: text("mismatched_fields").array(),
    // Over-limit requests from one address are one row per limiter window, counted here, not a row each.
    limitWindow: ts("limit_window"),
    repeats: integer("repeats").notNull().default(1),
  },
  (t) => [
    uniqueIndex("verification_attempts_over_limit_key")
      .on(t.ipHash, t.limitWindow)
      .where(sql`${t.limitWindow} is not null`),
    index("verification_attempts_pending_idx").on(t.processedAt, t.createdAt),
    index("verification_attempts_ip_idx").on(t.ipHash, t.createdAt),
    index("verification_attempts_email_patient_idx").on(t.emailPatientId, t.createdAt),
  ],
);

/** Fixed-window counters shared by every app instance. */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    key: text("key").notNull(),
    windowStart: ts("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** Sessions ended by "sign out" before their JWT expires; rows can be dropped once expired. */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("revoked_sessions_expiry_idx").on(t.expiresAt)],
);

/** Practice-wide settings staff can change, such as automatic invitation reminders. */
export const practiceSettings = pgTable("practice_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedByStaffId: uuid("updated_by_staff_id").references(() => staffUsers.id),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** One "Send invitations" run from the patient list, so staff can follow its progress. */
export const bulkInvitations = pgTable("bulk_invitations", {
  id: uuid("id").primaryKey().defaultRandom(),
  createdByStaffId: uuid("created_by_staff_id").references(() => staffUsers.id),
  createdAt: createdAt(),
  queued: integer("queued").notNull().default(0),
  skipped: integer("skipped").notNull().default(0),
});

/**
 * The provider's request rate, shared by every worker of every instance: N slots for N requests a second. A
 * worker leases the slot that frees first, waits until it is free, sends, and frees it one second after the
 * provider answered, so no second ever holds more than N requests however many workers run.
 */
export const emailSendSlots = pgTable(
  "email_send_slots",
  {
    provider: text("provider").notNull(),
    slot: integer("slot").notNull(),
    freeAt: ts("free_at").notNull().defaultNow(),
    // A lease, so a worker that dies holding a slot does not keep it.
    leasedUntil: ts("leased_until"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.slot] })],
);

/**
 * A setup or reset link a patient asked for soon after their email changed: not sent until staff, having
 * checked with the patient, release it, or discard it (docs/security.md A3).
 */
export const heldLinkRequests = pgTable(
  "held_link_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    flow: text("flow").notNull(), // register | forgot_password | forgot_username | second_step_recovery
    createdAt: createdAt(),
    resolvedAt: ts("resolved_at"),
    resolution: text("resolution"), // released | discarded
    resolvedByStaffId: uuid("resolved_by_staff_id").references(() => staffUsers.id),
  },
  (t) => [index("held_link_requests_patient_idx").on(t.patientId, t.createdAt)],
);

// One row per worker process (inline or `npm run worker`): when it last completed a pass. /api/health and the
// staff home read the newest one to tell whether anything is processing verifications and sending email.
export const workerHeartbeats = pgTable("worker_heartbeats", {
  workerId: text("worker_id").primaryKey(),
  kind: text("kind").notNull(), // inline | standalone
  lastPassAt: ts("last_pass_at").notNull(),
});

// Second factors (docs/security.md M1-M9). An account has none, or several: authenticator apps, passkeys, and for
// patients an emailed code. Exactly one owner column is set.
export const factorKind = pgEnum("factor_kind", ["totp", "passkey", "email"]);

export const secondFactors = pgTable(
  "second_factors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    staffUserId: uuid("staff_user_id").references(() => staffUsers.id, { onDelete: "cascade" }),
    patientId: uuid("patient_id").references(() => patients.id, { onDelete: "cascade" }),
    kind: factorKind("kind").notNull(),
    // What the owner calls it ("Phone", "YubiKey"), shown in their list.
    name: text("name").notNull(),
    // TOTP: the key, sealed (lib/crypto/seal.ts); the last 30-second step accepted, so no code works twice.
    totpSecretSealed: text("totp_secret_sealed"),
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    // Passkey: the credential id (base64url), its COSE public key (base64url) and what the authenticator reports.
    credentialId: text("credential_id"),
    publicKey: text("public_key"),
    signCount: bigint("sign_count", { mode: "number" }).notNull().default(0),
    transports: text("transports").array(),
    deviceType: text("device_type"), // singleDevice | multiDevice
    backedUp: boolean("backed_up"),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [
    check("second_factors_one_owner", sql`num_nonnulls(${t.staffUserId}, ${t.patientId}) = 1`),
    uniqueIndex("second_factors_credential_key").on(t.credentialId),
    index("second_factors_staff_idx").on(t.staffUserId),
    index("second_factors_patient_idx").on(t.patientId),
  ],
);

/** Staff recovery codes: ten at a time, only their SHA-256 kept, each usable once. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    staffUserId: uuid("staff_user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: createdAt(),
    usedAt: ts("used_at"),
  },
  (t) => [index("recovery_codes_staff_idx").on(t.staffUserId)],
);

/**
 * A half-done sign-in: the password was right and a second step (or, for staff without one, its setup) is
 * pending. Never a session: only the second-step pages read it, through an opaque cookie whose SHA-256 is kept
 * here. Five minutes, single use (docs/security.md M4).
 */
export const pendingSignIns = pgTable(
  "pending_sign_ins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    staffUserId: uuid("staff_user_id").references(() => staffUsers.id, { onDelete: "cascade" }),
    patientId: uuid("patient_id").references(() => patients.id, { onDelete: "cascade" }),
    // The account's session_version when the password was checked: a password change or "sign out everywhere"
    // in between voids the pending step.
    sessionVersion: integer("session_version").notNull(),
    purpose: text("purpose").notNull(), // second_step | set_up
    // Set when the second step (or a first factor's setup) was passed: the sign-in may then complete, once.
    passedAt: ts("passed_at"),
    // How the account proved itself (password+totp, passkey, ...), for the audit trail.
    method: text("method"),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [
    uniqueIndex("pending_sign_ins_token_key").on(t.tokenHash),
    check("pending_sign_ins_one_owner", sql`num_nonnulls(${t.staffUserId}, ${t.patientId}) = 1`),
  ],
);

/** Six-digit codes emailed to patients: 10 minutes, 5 tries, single use; only an HMAC of the code is kept. */
export const emailCodes = pgTable(
  "email_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(), // sign_in | add_factor
    codeHash: text("code_hash").notNull(),
    tries: integer("tries").notNull().default(0),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [index("email_codes_patient_idx").on(t.patientId, t.purpose, t.createdAt)],
);

/** WebAuthn challenges, kept server-side: single use, five minutes (docs/security.md M3). */
export const webauthnChallenges = pgTable(
  "webauthn_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // SHA-256 of the challenge as the browser returns it (base64url).
    challengeHash: text("challenge_hash").notNull(),
    purpose: text("purpose").notNull(), // register | authenticate
    staffUserId: uuid("staff_user_id").references(() => staffUsers.id, { onDelete: "cascade" }),
    patientId: uuid("patient_id").references(() => patients.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [uniqueIndex("webauthn_challenges_hash_key").on(t.challengeHash)],
);

/** "Trust this device for 30 days": an opaque cookie whose SHA-256 is kept here (docs/security.md M8). */
export const trustedDevices = pgTable(
  "trusted_devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [
    uniqueIndex("trusted_devices_token_key").on(t.tokenHash),
    index("trusted_devices_patient_idx").on(t.patientId),
  ],
);
