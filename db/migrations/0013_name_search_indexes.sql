-- Name searches of the staff list read only indexes: a status count is one range of a status + lower(name)
-- index, and a last-name search's candidates (list-order keys and status) come from the last-name index. The
-- names are keys so that the LIKE recheck can read them there (drizzle has no INCLUDE).
DROP INDEX "patients_last_name_lower_idx";--> statement-breakpoint
CREATE INDEX "patients_status_last_name_lower_idx" ON "patients" USING btree ("portal_status",lower("last_name") text_pattern_ops,"last_name","first_name");--> statement-breakpoint
CREATE INDEX "patients_status_first_name_lower_idx" ON "patients" USING btree ("portal_status",lower("first_name") text_pattern_ops,"first_name","last_name");--> statement-breakpoint
CREATE INDEX "patients_last_name_lower_idx" ON "patients" USING btree (lower("last_name") text_pattern_ops,"last_name","first_name","id","portal_status");