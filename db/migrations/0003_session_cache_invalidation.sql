-- Every server instance caches session rows for a few seconds (server/auth/session-cache.ts). These triggers
-- tell all instances, through NOTIFY mis_session, whose cached sessions are stale. NOTIFY is sent on commit.
CREATE OR REPLACE FUNCTION mis_notify_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'auth_sessions' THEN
    PERFORM pg_notify('mis_session', OLD.user_id::text);
    RETURN OLD;
  END IF;
  PERFORM pg_notify('mis_session', NEW.id::text);
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER auth_sessions_notify_delete AFTER DELETE ON auth_sessions
  FOR EACH ROW EXECUTE FUNCTION mis_notify_session_user();--> statement-breakpoint
CREATE TRIGGER users_notify_session_fields AFTER UPDATE OF status, is_platform_admin, email, name, email_verified_at ON users
  FOR EACH ROW EXECUTE FUNCTION mis_notify_session_user();
