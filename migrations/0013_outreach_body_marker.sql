ALTER TABLE "outreach_messages" ADD COLUMN "body_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outreach_messages" ADD COLUMN "lease_until" timestamp with time zone;