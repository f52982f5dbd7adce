import { z } from "zod";

// The only reader of process.env. Every variable is listed in .env.example and the README.
const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const optionalUrl = optionalString.refine((v) => v === undefined || URL.canParse(v), "must be a URL");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  PUBLIC_URL: optionalUrl,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: bool,
  ALLOWED_HOSTS: optionalString.refine(
    (v) => v === undefined || v.split(",").every((h) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.test(h.trim())),
    "must be a comma-separated list of host names, each optionally with :port (e.g. mentoring.example.org,10.0.0.5:3000)",
  ),

  DATABASE_URL: optionalUrl,
  PGLITE_DIR: z.string().default("./data/pglite"),
  UPLOAD_DIR: z.string().default("./data/uploads"),
  RUN_WORKER: z
    .enum(["true", "false", ""])
    .optional()
    .transform((v) => v !== "false"),
  SERVE_CLIENT: z
    .enum(["true", "false", ""])
    .optional()
    .transform((v) => v !== "false"),
  WORKER_ID: optionalString,
  WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  WORKER_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  WORKER_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2_000),
  WORKER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  SEED_DEMO: z
    .enum(["true", "false", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v === "true")),

  SMTP_HOST: optionalString,
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_SECURE: z.enum(["true", "false", ""]).optional(),
  SMTP_USER: optionalString,
  SMTP_PASS: optionalString,
  SMTP_IGNORE_TLS: bool,
  GMAIL_OAUTH_CLIENT_ID: optionalString,
  GMAIL_OAUTH_CLIENT_SECRET: optionalString,
  GMAIL_OAUTH_REFRESH_TOKEN: optionalString,
  GMAIL_OAUTH_TOKEN_URL: optionalUrl,
  MAIL_FROM: optionalString,

  APP_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, "must be at least 32 characters"),
  SMS_DAILY_CAP: z.coerce.number().int().min(1).max(100).default(10),
  TWILIO_ACCOUNT_SID: optionalString.refine(
    (v) => v === undefined || /^AC[0-9a-fA-F]{32}$/.test(v),
    "must look like AC followed by 32 hex digits",
  ),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_FROM_NUMBER: optionalString.refine(
    (v) => v === undefined || /^\+[1-9]\d{6,14}$/.test(v),
    "must be an E.164 number like +14155550123",
  ),
  TWILIO_MESSAGING_SERVICE_SID: optionalString.refine(
    (v) => v === undefined || /^MG[0-9a-fA-F]{32}$/.test(v),
    "must look like MG followed by 32 hex digits",
  ),
  TWILIO_API_BASE_URL: optionalUrl,

  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_REDIRECT_URI: optionalUrl,
  GOOGLE_ALLOWED_HD: optionalString,
  OIDC_ISSUER: optionalUrl,
  GOOGLE_CALENDAR_ENABLED: z.enum(["true", "false", ""]).optional(),
  GOOGLE_CALENDAR_REDIRECT_URI: optionalUrl,
  GOOGLE_CALENDAR_API_URL: optionalUrl,
  GOOGLE_OAUTH_TOKEN_URL: optionalUrl,
  GOOGLE_OAUTH_REVOKE_URL: optionalUrl,
});

/**
 * Rules that tie several variables together. They run on the raw values, apart from the schema, so that they
 * are reported together with every field error (a zod object refinement is skipped once any field fails).
 */
function crossFieldProblems(source: Record<string, string | undefined>): string[] {
  const v = (key: string) => {
    const value = source[key];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
  const problems: string[] = [];
  if (v("SMTP_HOST") && !v("MAIL_FROM")) problems.push("MAIL_FROM: is required when SMTP_HOST is set");
  // Calendar invites name this address as their organizer, so it must be one plain address.
  const from = v("MAIL_FROM");
  if (from && !/^(?:[^<>]*<[^\s"';:,<>()\\]+@[^\s"';:,<>()\\]+>|[^\s"';:,<>()\\]+@[^\s"';:,<>()\\]+)$/.test(from)) {
    problems.push('MAIL_FROM: must be an email address or "Name <address>"');
  }
  if (v("SMTP_HOST") && v("SMTP_USER") && !v("SMTP_PASS") && !v("GMAIL_OAUTH_REFRESH_TOKEN")) {
    problems.push("SMTP_PASS: is required with SMTP_USER unless GMAIL_OAUTH_REFRESH_TOKEN is set");
  }
  if (v("GMAIL_OAUTH_REFRESH_TOKEN") && !(v("GMAIL_OAUTH_CLIENT_ID") && v("GMAIL_OAUTH_CLIENT_SECRET"))) {
    problems.push("GMAIL_OAUTH_CLIENT_ID: GMAIL_OAUTH_CLIENT_ID and GMAIL_OAUTH_CLIENT_SECRET are required with GMAIL_OAUTH_REFRESH_TOKEN");
  }
  if (v("GMAIL_OAUTH_REFRESH_TOKEN") && !v("SMTP_USER")) {
    problems.push("SMTP_USER: is required with GMAIL_OAUTH_REFRESH_TOKEN (the Gmail address to send as)");
  }
  if (Boolean(v("TWILIO_ACCOUNT_SID")) !== Boolean(v("TWILIO_AUTH_TOKEN"))) {
    problems.push(
      `${v("TWILIO_ACCOUNT_SID") ? "TWILIO_AUTH_TOKEN" : "TWILIO_ACCOUNT_SID"}: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN must be set together`,
    );
  }
  if (v("TWILIO_ACCOUNT_SID") && !v("TWILIO_FROM_NUMBER") && !v("TWILIO_MESSAGING_SERVICE_SID")) {
    problems.push("TWILIO_FROM_NUMBER: set TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID to send SMS");
  }
  if (Boolean(v("GOOGLE_CLIENT_ID")) !== Boolean(v("GOOGLE_CLIENT_SECRET"))) {
    problems.push(
      `${v("GOOGLE_CLIENT_ID") ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID"}: GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together`,
    );
  }
  if (v("GOOGLE_CALENDAR_ENABLED") === "true" && !(v("GOOGLE_CLIENT_ID") && v("GOOGLE_CLIENT_SECRET"))) {
    problems.push("GOOGLE_CALENDAR_ENABLED: Google Calendar needs GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET");
  }
  // A key kept in the database would let anyone with a database dump forge signed links, so production needs
  // its own key from the environment.
  if (v("NODE_ENV") === "production" && !v("APP_SECRET")) {
    problems.push(
      "APP_SECRET: is required when NODE_ENV=production (at least 32 characters, e.g. the output of `openssl rand -base64 48`)",
    );
  }
  return problems;
}

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  publicUrl: string;
  logLevel: string;
  trustProxy: boolean;
  databaseUrl: string | undefined;
  pgliteDir: string;
  uploadDir: string;
  runWorker: boolean;
  seedDemo: boolean;
  serveClient: boolean;
  worker: { id: string | undefined; batchSize: number; leaseMs: number; pollMs: number; maxAttempts: number };
  smtp:
    | {
        host: string;
        port: number;
        secure: boolean;
        ignoreTls: boolean;
        from: string;
        auth:
          | { kind: "password"; user: string; pass: string }
          | {
              kind: "oauth2";
              user: string;
              clientId: string;
              clientSecret: string;
              refreshToken: string;
              tokenUrl: string | undefined;
            }
          | { kind: "none" };
      }
    | undefined;
  mailFrom: string;
  appSecret: string | undefined;
  /** Host names served besides PUBLIC_URL's host and loopback (ALLOWED_HOSTS); others get 421. */
  allowedHosts: string[];
  smsDailyCap: number;
  twilio:
    | {
        accountSid: string;
        authToken: string;
        from: string | undefined;
        messagingServiceSid: string | undefined;
        apiBaseUrl: string | undefined;
      }
    | undefined;
  google:
    | {
        clientId: string;
        clientSecret: string;
        redirectUri: string;
        allowedHostedDomain: string | undefined;
        issuer: string | undefined;
      }
    | undefined;
  /** Google Calendar per person (incremental consent on the sign-in OAuth client); undefined: the dev calendar. */
  googleCalendar:
    | {
        clientId: string;
        clientSecret: string;
        /** Unset: `<PUBLIC_URL>/auth/google/calendar/callback`, read when used (tests learn their port late). */
        redirectUri: string | undefined;
        apiRootUrl: string | undefined;
        tokenUrl: string | undefined;
        revokeUrl: string | undefined;
      }
    | undefined;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses an environment object; throws ConfigError listing every bad key at once. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`)),
    ...crossFieldProblems(source),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT || 3000}`).replace(/\/$/, "");
  const mailFrom = e.MAIL_FROM ?? "Mentoring <no-reply@mentoring.local>";
  let smtp: Config["smtp"];
  if (e.SMTP_HOST) {
    // Port 465 is implicit TLS; anything else (587) upgrades with STARTTLS unless told otherwise.
    const secure = e.SMTP_SECURE === undefined || e.SMTP_SECURE === "" ? (e.SMTP_PORT ?? 465) === 465 : e.SMTP_SECURE === "true";
    let auth: NonNullable<Config["smtp"]>["auth"] = { kind: "none" };
    if (e.SMTP_USER && e.GMAIL_OAUTH_REFRESH_TOKEN && e.GMAIL_OAUTH_CLIENT_ID && e.GMAIL_OAUTH_CLIENT_SECRET) {
      auth = {
        kind: "oauth2",
        user: e.SMTP_USER,
        clientId: e.GMAIL_OAUTH_CLIENT_ID,
        clientSecret: e.GMAIL_OAUTH_CLIENT_SECRET,
        refreshToken: e.GMAIL_OAUTH_REFRESH_TOKEN,
        tokenUrl: e.GMAIL_OAUTH_TOKEN_URL,
      };
    } else if (e.SMTP_USER && e.SMTP_PASS) {
      auth = { kind: "password", user: e.SMTP_USER, pass: e.SMTP_PASS };
    }
    smtp = {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT ?? 465,
      secure,
      ignoreTls: e.SMTP_IGNORE_TLS,
      from: mailFrom,
      auth,
    };
  }
  const google =
    e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET
      ? {
          clientId: e.GOOGLE_CLIENT_ID,
          clientSecret: e.GOOGLE_CLIENT_SECRET,
          redirectUri: e.GOOGLE_REDIRECT_URI ?? `${publicUrl}/auth/google/callback`,
          allowedHostedDomain: e.GOOGLE_ALLOWED_HD,
          issuer: e.OIDC_ISSUER,
        }
      : undefined;
  // On by default wherever the Google OAuth client is configured; GOOGLE_CALENDAR_ENABLED=false keeps sign-in only.
  const googleCalendar =
    e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET && e.GOOGLE_CALENDAR_ENABLED !== "false"
      ? {
          clientId: e.GOOGLE_CLIENT_ID,
          clientSecret: e.GOOGLE_CLIENT_SECRET,
          redirectUri: e.GOOGLE_CALENDAR_REDIRECT_URI,
          apiRootUrl: e.GOOGLE_CALENDAR_API_URL,
          tokenUrl: e.GOOGLE_OAUTH_TOKEN_URL,
          revokeUrl: e.GOOGLE_OAUTH_REVOKE_URL,
        }
      : undefined;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    uploadDir: e.UPLOAD_DIR,
    runWorker: e.RUN_WORKER,
    // The demo accounts have a published password: never seed them into a production database unless asked.
    seedDemo: e.SEED_DEMO ?? e.NODE_ENV !== "production",
    serveClient: e.SERVE_CLIENT,
    worker: {
      id: e.WORKER_ID,
      batchSize: e.WORKER_BATCH_SIZE,
      leaseMs: e.WORKER_LEASE_MS,
      pollMs: e.WORKER_POLL_MS,
      maxAttempts: e.WORKER_MAX_ATTEMPTS,
    },
    smtp,
    mailFrom,
    appSecret: e.APP_SECRET,
    allowedHosts: e.ALLOWED_HOSTS ? e.ALLOWED_HOSTS.split(",").map((h) => h.trim().toLowerCase()) : [],
    smsDailyCap: e.SMS_DAILY_CAP,
    twilio:
      e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
        ? {
            accountSid: e.TWILIO_ACCOUNT_SID,
            authToken: e.TWILIO_AUTH_TOKEN,
            from: e.TWILIO_FROM_NUMBER,
            messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
            apiBaseUrl: e.TWILIO_API_BASE_URL,
          }
        : undefined,
    google,
    googleCalendar,
  };
}
