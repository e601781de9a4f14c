CREATE TABLE "held_link_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"flow" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"resolved_by_staff_id" uuid
);
--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "email_before_change" text;--> statement-breakpoint
ALTER TABLE "held_link_requests" ADD CONSTRAINT "held_link_requests_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_link_requests" ADD CONSTRAINT "held_link_requests_resolved_by_staff_id_staff_users_id_fk" FOREIGN KEY ("resolved_by_staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "held_link_requests_patient_idx" ON "held_link_requests" USING btree ("patient_id","created_at");