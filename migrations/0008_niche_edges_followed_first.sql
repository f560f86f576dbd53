ALTER TABLE "niche_edges" DROP CONSTRAINT "niche_edges_niche_id_niches_id_fk";
--> statement-breakpoint
DROP INDEX "niche_edges_followed_idx";--> statement-breakpoint
ALTER TABLE "niche_edges" DROP CONSTRAINT "niche_edges_niche_id_follower_id_followed_id_pk";--> statement-breakpoint
ALTER TABLE "niche_edges" ADD CONSTRAINT "niche_edges_pk" PRIMARY KEY("niche_id","followed_id","follower_id");