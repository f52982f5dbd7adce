-- No person can hold two overlapping live (requested or confirmed) sessions, whatever their role in each:
-- the last line of defence behind the booking service's checks. btree_gist (migration 0000) gives "user_id WITH =".
-- Half-open ranges ("[)"), so a session ending at 10:00 and one starting at 10:00 do not overlap.
ALTER TABLE "session_participants" ADD CONSTRAINT "session_participants_no_overlap"
  EXCLUDE USING gist ("user_id" WITH =, "during" WITH &&) WHERE ("active");--> statement-breakpoint
ALTER TABLE "session_participants" ADD CONSTRAINT "session_participants_during_not_empty" CHECK (NOT isempty("during"));
