CREATE TABLE "campaign_tracking" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"hashtags" text[] DEFAULT '{}'::text[] NOT NULL,
	"links" text[] DEFAULT '{}'::text[] NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"follow_budget" integer DEFAULT 200 NOT NULL,
	"follow_requests_used" integer DEFAULT 0 NOT NULL,
	"last_scan_at" timestamp with time zone,
	"last_scan_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fetched_follows" (
	"workspace_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"account_id" text NOT NULL,
	"follows" text[] DEFAULT '{}'::text[] NOT NULL,
	"complete" boolean NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fetched_follows_workspace_id_platform_account_id_pk" PRIMARY KEY("workspace_id","platform","account_id")
);
--> statement-breakpoint
CREATE TABLE "measurement_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"cpm_bluesky_minor" integer DEFAULT 500 NOT NULL,
	"cpm_mastodon_minor" integer DEFAULT 300 NOT NULL,
	"impressions_per_reach" double precision DEFAULT 0.3 NOT NULL,
	"bluesky_identifier" text,
	"bluesky_password_sealed" text,
	"bluesky_service_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organic_mentions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"post_ref" text NOT NULL,
	"url" text NOT NULL,
	"author_handle" text NOT NULL,
	"text" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"engagements" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_resharers" (
	"tracked_post_id" uuid NOT NULL,
	"account_id" text NOT NULL,
	"kind" text NOT NULL,
	"handle" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"at_from_platform" boolean NOT NULL,
	"via_account_id" text,
	"followers_count" integer,
	"seen_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "post_resharers_tracked_post_id_account_id_kind_pk" PRIMARY KEY("tracked_post_id","account_id","kind")
);
--> statement-breakpoint
CREATE TABLE "post_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tracked_post_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"likes" integer NOT NULL,
	"reposts" integer NOT NULL,
	"quotes" integer NOT NULL,
	"replies" integer NOT NULL,
	"author_followers" integer
);
--> statement-breakpoint
CREATE TABLE "tracked_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"post_ref" text NOT NULL,
	"instance" text,
	"url" text NOT NULL,
	"author_id" text NOT NULL,
	"author_handle" text NOT NULL,
	"author_followers" integer,
	"text" text DEFAULT '' NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"author_mismatch" boolean DEFAULT false NOT NULL,
	"next_poll_at" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"failed_polls" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_tracking" ADD CONSTRAINT "campaign_tracking_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_tracking" ADD CONSTRAINT "campaign_tracking_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fetched_follows" ADD CONSTRAINT "fetched_follows_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurement_settings" ADD CONSTRAINT "measurement_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organic_mentions" ADD CONSTRAINT "organic_mentions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organic_mentions" ADD CONSTRAINT "organic_mentions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_resharers" ADD CONSTRAINT "post_resharers_tracked_post_id_tracked_posts_id_fk" FOREIGN KEY ("tracked_post_id") REFERENCES "public"."tracked_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_snapshots" ADD CONSTRAINT "post_snapshots_tracked_post_id_tracked_posts_id_fk" FOREIGN KEY ("tracked_post_id") REFERENCES "public"."tracked_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_posts" ADD CONSTRAINT "tracked_posts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_posts" ADD CONSTRAINT "tracked_posts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_posts" ADD CONSTRAINT "tracked_posts_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organic_mentions_unique" ON "organic_mentions" USING btree ("campaign_id","platform","post_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "post_snapshots_post_at_unique" ON "post_snapshots" USING btree ("tracked_post_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "tracked_posts_campaign_post_unique" ON "tracked_posts" USING btree ("campaign_id","platform","post_ref");--> statement-breakpoint
CREATE INDEX "tracked_posts_deal_idx" ON "tracked_posts" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "tracked_posts_due_idx" ON "tracked_posts" USING btree ("status","next_poll_at");