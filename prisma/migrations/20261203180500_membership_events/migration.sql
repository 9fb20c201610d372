-- Live streams (server/realtime/live-stream.ts) re-check the caller's access when a course enrollment
-- or team membership of theirs changes or goes: every such write, from any process, notifies
-- 'membership_events' with the user's id.
CREATE OR REPLACE FUNCTION "notify_membership_changed"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('membership_events', OLD."userId");
  IF TG_OP = 'UPDATE' AND NEW."userId" <> OLD."userId" THEN
    PERFORM pg_notify('membership_events', NEW."userId");
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Enrollment_membership_changed"
  AFTER UPDATE OR DELETE ON "Enrollment"
  FOR EACH ROW EXECUTE FUNCTION "notify_membership_changed"();

CREATE TRIGGER "TeamMember_membership_changed"
  AFTER UPDATE OR DELETE ON "TeamMember"
  FOR EACH ROW EXECUTE FUNCTION "notify_membership_changed"();
