CREATE TABLE "crawl_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"niche_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"phase" text DEFAULT 'seeds' NOT NULL,
	"budget" jsonb NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"accounts" integer DEFAULT 0 NOT NULL,
	"edges" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"rate_limited" integer DEFAULT 0 NOT NULL,
	"active_ms" bigint DEFAULT 0 NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "crawl_tasks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "crawl_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"arg" text,
	"account_id" bigint,
	"cursor" text,
	"pages" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "niche_accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "niche_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"niche_id" uuid NOT NULL,
	"platform_id" text NOT NULL,
	"native_id" text,
	"handle" text NOT NULL,
	"display_name" text,
	"description" text,
	"avatar_url" text,
	"url" text,
	"followers_count" integer,
	"follows_count" integer,
	"posts_count" integer,
	"account_created_at" timestamp with time zone,
	"hidden_collections" boolean DEFAULT false NOT NULL,
	"is_seed" boolean DEFAULT false NOT NULL,
	"is_audience" boolean DEFAULT false NOT NULL,
	"profile_fetched" boolean DEFAULT false NOT NULL,
	"posts_sampled" integer,
	"engagement_rate" double precision,
	"attributes" jsonb
);
--> statement-breakpoint
CREATE TABLE "niche_edges" (
	"niche_id" uuid NOT NULL,
	"follower_id" bigint NOT NULL,
	"followed_id" bigint NOT NULL,
	CONSTRAINT "niche_edges_niche_id_follower_id_followed_id_pk" PRIMARY KEY("niche_id","follower_id","followed_id")
);
--> statement-breakpoint
CREATE TABLE "niche_scores" (
	"snapshot_id" uuid NOT NULL,
	"account_id" bigint NOT NULL,
	"rank" integer NOT NULL,
	"score" real NOT NULL,
	"niche_followers" integer NOT NULL,
	"reach" real NOT NULL,
	"pagerank" double precision NOT NULL,
	"hub" real NOT NULL,
	"authority" real NOT NULL,
	"betweenness" real NOT NULL,
	"coreness" integer NOT NULL,
	"niche_affinity" real NOT NULL,
	"audience_quality" real,
	"community" integer NOT NULL,
	"percentiles" real[] NOT NULL,
	CONSTRAINT "niche_scores_snapshot_id_account_id_pk" PRIMARY KEY("snapshot_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "niches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"platform" text NOT NULL,
	"seeds" text[] DEFAULT '{}'::text[] NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"budget" jsonb NOT NULL,
	"status" text DEFAULT 'idle' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"last_error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"niche_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"node_count" integer NOT NULL,
	"edge_count" integer NOT NULL,
	"modularity" double precision NOT NULL,
	"community_count" integer NOT NULL,
	"communities" jsonb NOT NULL,
	"weights" jsonb NOT NULL,
	"meta" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shortlist" (
	"niche_id" uuid NOT NULL,
	"account_id" bigint NOT NULL,
	"workspace_id" uuid NOT NULL,
	"contact_id" uuid,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shortlist_niche_id_account_id_pk" PRIMARY KEY("niche_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"niche_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"format" text NOT NULL,
	"edges" "bytea" NOT NULL,
	"accounts" "bytea",
	"status" text DEFAULT 'pending' NOT NULL,
	"progress" jsonb,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "crawl_runs" ADD CONSTRAINT "crawl_runs_niche_id_niches_id_fk" FOREIGN KEY ("niche_id") REFERENCES "public"."niches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawl_tasks" ADD CONSTRAINT "crawl_tasks_run_id_crawl_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."crawl_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "niche_accounts" ADD CONSTRAINT "niche_accounts_niche_id_niches_id_fk" FOREIGN KEY ("niche_id") REFERENCES "public"."niches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "niche_edges" ADD CONSTRAINT "niche_edges_niche_id_niches_id_fk" FOREIGN KEY ("niche_id") REFERENCES "public"."niches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "niche_scores" ADD CONSTRAINT "niche_scores_snapshot_id_score_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."score_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "niches" ADD CONSTRAINT "niches_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "niches" ADD CONSTRAINT "niches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_snapshots" ADD CONSTRAINT "score_snapshots_niche_id_niches_id_fk" FOREIGN KEY ("niche_id") REFERENCES "public"."niches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist" ADD CONSTRAINT "shortlist_niche_id_niches_id_fk" FOREIGN KEY ("niche_id") REFERENCES "public"."niches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist" ADD CONSTRAINT "shortlist_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist" ADD CONSTRAINT "shortlist_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_niche_id_niches_id_fk" FOREIGN KEY ("niche_id") REFERENCES "public"."niches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crawl_runs_niche_idx" ON "crawl_runs" USING btree ("niche_id","started_at");--> statement-breakpoint
CREATE INDEX "crawl_tasks_pending_idx" ON "crawl_tasks" USING btree ("run_id","status","priority","id");--> statement-breakpoint
CREATE UNIQUE INDEX "crawl_tasks_unique" ON "crawl_tasks" USING btree ("run_id","kind",coalesce("account_id", 0),coalesce("arg", ''));--> statement-breakpoint
CREATE UNIQUE INDEX "niche_accounts_platform_id_unique" ON "niche_accounts" USING btree ("niche_id","platform_id");--> statement-breakpoint
CREATE INDEX "niche_accounts_handle_idx" ON "niche_accounts" USING btree ("niche_id",lower("handle"));--> statement-breakpoint
CREATE INDEX "niche_edges_followed_idx" ON "niche_edges" USING btree ("niche_id","followed_id");--> statement-breakpoint
CREATE UNIQUE INDEX "niche_scores_rank_idx" ON "niche_scores" USING btree ("snapshot_id","rank");--> statement-breakpoint
CREATE INDEX "niche_scores_community_idx" ON "niche_scores" USING btree ("snapshot_id","community","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "niches_workspace_name_unique" ON "niches" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "score_snapshots_niche_idx" ON "score_snapshots" USING btree ("niche_id","created_at");