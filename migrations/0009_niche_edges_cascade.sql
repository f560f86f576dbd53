-- Edges carry no foreign key (a per-row check would slow bulk loads); this removes a niche's
-- edges when the niche goes, in the same statement, as ON DELETE CASCADE would.
CREATE FUNCTION niche_edges_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM niche_edges WHERE niche_id = OLD.id;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER niches_delete_edges AFTER DELETE ON niches FOR EACH ROW EXECUTE FUNCTION niche_edges_cascade();
