import type { DbHandle } from "../db/client";
import { createOAuthProvider } from "./auth/oauth";
import { createSessionCache } from "./auth/session-cache";
import { createSigner } from "./auth/signing";
import type { Clock } from "./clock";
import type { Config } from "./config";
import type { AppDeps } from "./deps";
import { createDevCalendarProvider } from "./integrations/calendar/dev-calendar-provider";
import { createGoogleCalendarProvider } from "./integrations/calendar/google-calendar";
import { createCalendarTokenVault } from "./integrations/calendar/token-vault";
import { createDiskFileStore } from "./integrations/files/disk-file-store";
import { createDevMailer } from "./integrations/mail/dev-mailer";
import { createSmtpMailer } from "./integrations/mail/smtp-mailer";
import { createDevSmsSender } from "./integrations/sms/dev-sms-sender";
import { createTwilioSmsSender } from "./integrations/sms/twilio-sms-sender";
import type { Logger } from "./logger";
import { createRealtime } from "./realtime/realtime";

/** Builds the real dependencies from config; main.ts and the test harness both use it. */
export function buildDeps(config: Config, handle: DbHandle, clock: Clock, logger: Logger): AppDeps {
  const mailer = config.smtp ? createSmtpMailer(config.smtp) : createDevMailer(handle.db);
  const oauth = config.google ? createOAuthProvider(config.google, () => clock.now()) : undefined;
  const gcal = config.googleCalendar;
  const calendar = gcal
    ? createGoogleCalendarProvider({
        clientId: gcal.clientId,
        clientSecret: gcal.clientSecret,
        apiRootUrl: gcal.apiRootUrl,
        tokenUrl: gcal.tokenUrl,
        revokeUrl: gcal.revokeUrl,
        clock,
      })
    : createDevCalendarProvider();
  return {
    config,
    db: handle.db,
    dbKind: handle.kind,
    clock,
    logger,
    realtime: createRealtime(handle, logger),
    sessions: createSessionCache(handle, clock, logger),
    files: createDiskFileStore(config.uploadDir),
    mailer,
    sms: config.twilio ? createTwilioSmsSender(config.twilio) : createDevSmsSender(handle.db),
    signer: createSigner(handle.db, config.appSecret),
    oauth,
    calendar,
    calendarTokens: createCalendarTokenVault(handle.db, config.appSecret),
  };
}

/** Each integration says at start whether it is real, dev or off. */
export function logIntegrations(deps: AppDeps) {
  const { logger, config } = deps;
  logger.info(
    { integration: "database", mode: deps.dbKind === "pglite" ? "embedded" : "real" },
    deps.dbKind === "pglite" ? `database: embedded PGlite in ${config.pgliteDir}` : "database: PostgreSQL (DATABASE_URL)",
  );
  logger.info({ integration: "email", mode: deps.mailer.mode }, `email: ${deps.mailer.mode} - ${deps.mailer.description}`);
  if (!config.appSecret) {
    logger.warn(
      { integration: "app-secret", mode: "database" },
      "APP_SECRET is not set: signed links use a key kept in the database (required in production; see docs/deployment.md)",
    );
  }
  logger.info(
    { integration: "google-sign-in", mode: deps.oauth ? "real" : "off" },
    deps.oauth
      ? `google sign-in: on (${config.google?.issuer ?? "accounts.google.com"})`
      : "google sign-in: off (set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET)",
  );
  logger.info({ integration: "sms", mode: deps.sms.mode }, `sms: ${deps.sms.mode} - ${deps.sms.description}`);
  logger.info(
    { integration: "google-calendar", mode: deps.calendar.mode },
    deps.calendar.mode === "real"
      ? `google calendar: real - ${deps.calendar.description}`
      : `google calendar: dev - ${deps.calendar.description} (set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET)`,
  );
}
