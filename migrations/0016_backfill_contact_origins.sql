-- Contacts added from a shortlist before contact_origins existed (migration 0012) kept only the
-- shortlist's link to them: give each the origin that adding it today records. The platform is
-- the contact's own account for that handle (an older Murmur filed file-imported accounts as
-- "other"), the link is the account's own http(s) link or its Bluesky/Mastodon profile, and the
-- score and rank are those of the niche's latest scoring at or before the account was
-- shortlisted; where no scoring preceded it they stay unknown (null), never zero. A contact that
-- has its origin already is left alone.
INSERT INTO "contact_origins" (
	"workspace_id", "contact_id", "niche_id", "niche_name", "account_id", "platform", "handle",
	"profile_url", "snapshot_id", "score", "rank", "added_at"
)
SELECT
	s."workspace_id",
	s."contact_id",
	s."niche_id",
	n."name",
	s."account_id",
	coalesce(
		(SELECT csa."platform" FROM "contact_social_accounts" csa
			WHERE csa."contact_id" = s."contact_id" AND lower(csa."handle") = lower(h.bare)
			ORDER BY csa."created_at" LIMIT 1),
		CASE WHEN n."platform" IN ('bluesky', 'mastodon') THEN n."platform" ELSE 'other' END
	),
	h.bare,
	CASE
		WHEN a."url" ~* '^https?://[^/]' THEN a."url"
		WHEN n."platform" = 'bluesky' THEN 'https://bsky.app/profile/' || h.bare
		WHEN n."platform" = 'mastodon' AND h.bare ~ '^[^@]+@[^@]+$'
			THEN 'https://' || split_part(h.bare, '@', 2) || '/@' || split_part(h.bare, '@', 1)
	END,
	CASE WHEN ns."score" IS NOT NULL THEN snap."id" END,
	ns."score",
	ns."rank",
	s."added_at"
FROM "shortlist" s
JOIN "niches" n ON n."id" = s."niche_id"
JOIN "niche_accounts" a ON a."id" = s."account_id" AND a."niche_id" = s."niche_id"
CROSS JOIN LATERAL (SELECT regexp_replace(a."handle", '^@', '') AS bare) h
LEFT JOIN LATERAL (
	SELECT ss."id" FROM "score_snapshots" ss
	WHERE ss."niche_id" = s."niche_id" AND ss."created_at" <= s."added_at"
	ORDER BY ss."created_at" DESC LIMIT 1
) snap ON true
LEFT JOIN "niche_scores" ns ON ns."snapshot_id" = snap."id" AND ns."account_id" = s."account_id"
WHERE s."contact_id" IS NOT NULL
	AND NOT EXISTS (
		SELECT 1 FROM "contact_origins" o
		WHERE o."contact_id" = s."contact_id" AND o."niche_id" = s."niche_id" AND o."account_id" = s."account_id"
	)
ON CONFLICT DO NOTHING;
