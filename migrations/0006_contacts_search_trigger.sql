-- Keeps contacts.search_text current whoever writes a contact or a social account
-- (the API, the importer, Discover's shortlist), and fills it for existing contacts.
CREATE OR REPLACE FUNCTION contacts_search_text_refresh() RETURNS trigger AS $$
BEGIN
  NEW.search_text := lower(
    NEW.name || chr(10) || array_to_string(NEW.emails, chr(10)) || chr(10) ||
    array_to_string(NEW.tags, chr(10)) || chr(10) ||
    coalesce((SELECT string_agg(s.handle, chr(10)) FROM contact_social_accounts s WHERE s.contact_id = NEW.id), '')
  );
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER contacts_search_text BEFORE INSERT OR UPDATE OF name, emails, tags ON contacts
  FOR EACH ROW EXECUTE FUNCTION contacts_search_text_refresh();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION contact_social_accounts_touch_contact() RETURNS trigger AS $$
BEGIN
  -- Setting name to itself fires the contact's own trigger, which re-reads the handles.
  IF TG_OP <> 'INSERT' THEN
    UPDATE contacts SET name = name WHERE id = OLD.contact_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE contacts SET name = name WHERE id = NEW.contact_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER contact_social_accounts_search_text AFTER INSERT OR UPDATE OR DELETE ON contact_social_accounts
  FOR EACH ROW EXECUTE FUNCTION contact_social_accounts_touch_contact();
--> statement-breakpoint
UPDATE contacts SET name = name;
