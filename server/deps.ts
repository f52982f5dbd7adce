import type { Db } from "../db/client";
import type { OAuthProvider } from "./auth/oauth";
import type { SessionCache } from "./auth/session-cache";
import type { Signer } from "./auth/signing";
import type { Clock } from "./clock";
import type { Config } from "./config";
import type { CalendarProvider } from "./integrations/calendar/calendar-provider";
import type { CalendarTokenVault } from "./integrations/calendar/token-vault";
import type { FileStore } from "./integrations/files/file-store";
import type { Mailer } from "./integrations/mail/mailer";
import type { SmsSender } from "./integrations/sms/sms-sender";
import type { Logger } from "./logger";
import type { Realtime } from "./realtime/realtime";

/** Everything the app needs, built once by main.ts (or by a test) and passed down by hand. */
export type AppDeps = {
  config: Config;
  db: Db;
  dbKind: "pglite" | "postgres";
  clock: Clock;
  logger: Logger;
  realtime: Realtime;
  /** Short-lived session rows, invalidated across instances over NOTIFY (server/auth/session-cache.ts). */
  sessions: SessionCache;
  files: FileStore;
  mailer: Mailer;
  sms: SmsSender;
  /** Signs links that work without signing in (one-click unsubscribe). */
  signer: Signer;
  /** Google (or any OpenID issuer) sign-in; undefined when not configured. */
  oauth: OAuthProvider | undefined;
  /** People's Google Calendars (the dev calendar when Google is not configured). */
  calendar: CalendarProvider;
  /** Encrypts their calendar tokens at rest. */
  calendarTokens: CalendarTokenVault;
};
