-- Worker heartbeats (docs/security.md L3); over-limit verification requests counted per address and window (L2).
CREATE TABLE "worker_heartbeats" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"last_pass_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "verification_attempts" ADD COLUMN "limit_window" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "verification_attempts" ADD COLUMN "repeats" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "verification_attempts_over_limit_key" ON "verification_attempts" USING btree ("ip_hash","limit_window") WHERE "verification_attempts"."limit_window" is not null;