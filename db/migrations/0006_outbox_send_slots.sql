CREATE TABLE "email_send_slots" (
	"provider" text NOT NULL,
	"slot" integer NOT NULL,
	"free_at" timestamp with time zone DEFAULT now() NOT NULL,
	"leased_until" timestamp with time zone,
	CONSTRAINT "email_send_slots_provider_slot_pk" PRIMARY KEY("provider","slot")
);
