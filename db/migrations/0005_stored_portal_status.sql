CREATE TYPE "public"."portal_status" AS ENUM('inactive', 'unactivated', 'active');--> statement-breakpoint
DROP INDEX "patients_email_lower_idx";--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "portal_status" "portal_status" DEFAULT 'inactive' NOT NULL;--> statement-breakpoint
-- patients.portal_status: the rule of lib/patients/portal-status.ts, stored so that the staff list filters and
-- counts by index. Only these triggers write it (a hand-written value is recomputed). Blank = only ASCII
-- whitespace, as isBlank() in the rule.
CREATE OR REPLACE FUNCTION patient_portal_status(access boolean, email text, zip text, chart chart_status, activated boolean)
RETURNS portal_status LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE
    WHEN NOT access OR btrim(coalesce(email, ''), E' \t\n\r\f\v') = '' OR btrim(coalesce(zip, ''), E' \t\n\r\f\v') = ''
      OR chart <> 'active' THEN 'inactive'
    WHEN activated THEN 'active'
    ELSE 'unactivated' END)::portal_status
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION patients_set_portal_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.portal_status := patient_portal_status(NEW.portal_access_enabled, NEW.email, NEW.zip, NEW.chart_status,
    EXISTS (SELECT 1 FROM portal_accounts a WHERE a.patient_id = NEW.id AND a.activated_at IS NOT NULL));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER patients_portal_status
  BEFORE INSERT OR UPDATE OF portal_access_enabled, email, zip, chart_status, portal_status ON patients
  FOR EACH ROW EXECUTE FUNCTION patients_set_portal_status();
--> statement-breakpoint
-- A first sign-in (activated_at set), an account removed or moved: the patient row's trigger recomputes.
CREATE OR REPLACE FUNCTION portal_accounts_refresh_portal_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.activated_at IS NOT NULL THEN
    UPDATE patients SET portal_status = 'inactive' WHERE id = OLD.patient_id; -- any value: recomputed
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.activated_at IS NOT NULL THEN
    UPDATE patients SET portal_status = 'inactive' WHERE id = NEW.patient_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER portal_accounts_portal_status
  AFTER INSERT OR DELETE OR UPDATE OF activated_at, patient_id ON portal_accounts
  FOR EACH ROW EXECUTE FUNCTION portal_accounts_refresh_portal_status();
--> statement-breakpoint
-- Existing patients: any value, the trigger computes the real one.
UPDATE patients SET portal_status = 'inactive';--> statement-breakpoint

CREATE INDEX "patients_first_name_lower_idx" ON "patients" USING btree (lower("first_name") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "patients_status_name_idx" ON "patients" USING btree ("portal_status","last_name","first_name","id");--> statement-breakpoint
CREATE INDEX "patients_email_lower_idx" ON "patients" USING btree (lower("email") text_pattern_ops);