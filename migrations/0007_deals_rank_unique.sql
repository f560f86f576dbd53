-- Card ranks are unique per board column. Deferrable, so one statement may re-space a
-- column (ranks swap places mid-statement); the check runs at the statement's end.
ALTER TABLE "deals" ADD CONSTRAINT "deals_campaign_stage_position_unique"
  UNIQUE ("campaign_id", "stage_id", "position") DEFERRABLE INITIALLY IMMEDIATE;
