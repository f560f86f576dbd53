CREATE TABLE "upload_chunks" (
	"upload_id" uuid NOT NULL,
	"part" text NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "upload_chunks_upload_id_part_seq_pk" PRIMARY KEY("upload_id","part","seq")
);
--> statement-breakpoint
ALTER TABLE "uploads" ALTER COLUMN "edges" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "warning" text;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "upload_chunks" ADD CONSTRAINT "upload_chunks_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE cascade ON UPDATE no action;