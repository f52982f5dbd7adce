import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spawnTsx } from "../e2e/support/process";
import { ConfigError, loadConfig } from "./config";

const badEnv = {
  PORT: "abc",
  DATABASE_URL: "notaurl",
  SMTP_HOST: "smtp.gmail.com",
  GOOGLE_CLIENT_ID: "only-the-id.apps.googleusercontent.com",
  LOG_LEVEL: "loud",
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("the configuration was accepted");
}

describe("configuration", () => {
  it("lists every bad variable at once, field errors and missing companions together", () => {
    const problems = problemsOf(badEnv);
    const keys = problems.map((p) => p.split(":")[0]);
    expect(keys.sort()).toEqual(["DATABASE_URL", "GOOGLE_CLIENT_SECRET", "LOG_LEVEL", "MAIL_FROM", "PORT"]);
    expect(problems.find((p) => p.startsWith("MAIL_FROM"))).toMatch(/required when SMTP_HOST is set/);
    expect(problems.find((p) => p.startsWith("GOOGLE_CLIENT_SECRET"))).toMatch(/must be set together/);
  });

  it("names the missing SMTP password and the Gmail OAuth client when only part of them is given", () => {
    const keys = problemsOf({ SMTP_HOST: "smtp.gmail.com", MAIL_FROM: "a@b.test", SMTP_USER: "a@b.test" }).map((p) => p.split(":")[0]);
    expect(keys).toEqual(["SMTP_PASS"]);
    const oauth = problemsOf({
      SMTP_HOST: "smtp.gmail.com",
      MAIL_FROM: "a@b.test",
      SMTP_USER: "a@b.test",
      GMAIL_OAUTH_REFRESH_TOKEN: "rt",
    });
    expect(oauth.map((p) => p.split(":")[0])).toEqual(["GMAIL_OAUTH_CLIENT_ID"]);
  });

  it("refuses a MAIL_FROM that is not one plain address, since calendar invites name it as their organizer", () => {
    const smtp = { SMTP_HOST: "smtp.example.test" };
    for (const ok of ["mentoring@example.org", "Women in Tech <mentoring@example.org>", '"Mentoring, WiT" <m@example.org>']) {
      expect(loadConfig({ ...smtp, MAIL_FROM: ok }).mailFrom).toBe(ok);
    }
    for (const bad of ["Mentoring", "a@b.test, c@d.test", "Mentoring <not an address>"]) {
      expect(problemsOf({ ...smtp, MAIL_FROM: bad })).toEqual(['MAIL_FROM: must be an email address or "Name <address>"']);
    }
  });

  it("runs with no variables at all: embedded database, dev mailbox, Google sign-in off", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtp).toBeUndefined();
    expect(config.google).toBeUndefined();
    expect(config.publicUrl).toBe("http://localhost:3000");
  });

  it("derives the Google callback address from PUBLIC_URL and treats blank values as unset", () => {
    const config = loadConfig({
      PUBLIC_URL: "https://mentoring.example.edu/",
      GOOGLE_CLIENT_ID: "id",
      GOOGLE_CLIENT_SECRET: "secret",
      SMTP_HOST: "  ",
      DATABASE_URL: "",
    });
    expect(config.google?.redirectUri).toBe("https://mentoring.example.edu/auth/google/callback");
    expect(config.smtp).toBeUndefined();
    expect(config.databaseUrl).toBeUndefined();
  });

  it("turns Google Calendar on with the Google OAuth client, off with GOOGLE_CALENDAR_ENABLED=false, and names bad calendar variables", () => {
    expect(loadConfig({}).googleCalendar).toBeUndefined();
    const on = loadConfig({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret", GOOGLE_CALENDAR_API_URL: "http://127.0.0.1:9/" });
    expect(on.googleCalendar).toMatchObject({
      clientId: "id",
      clientSecret: "secret",
      apiRootUrl: "http://127.0.0.1:9/",
      redirectUri: undefined,
    });
    const off = loadConfig({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret", GOOGLE_CALENDAR_ENABLED: "false" });
    expect(off.googleCalendar).toBeUndefined();
    expect(off.google).toBeDefined();
    const keys = problemsOf({ GOOGLE_CALENDAR_ENABLED: "true", GOOGLE_CALENDAR_REDIRECT_URI: "nope", GOOGLE_OAUTH_TOKEN_URL: "x" }).map(
      (p) => p.split(":")[0],
    );
    expect(keys.sort()).toEqual(["GOOGLE_CALENDAR_ENABLED", "GOOGLE_CALENDAR_REDIRECT_URI", "GOOGLE_OAUTH_TOKEN_URL"]);
  });

  it("npm start with a bad environment exits with status 1, printing every problem and touching no data", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "mis-config-"));
    try {
      const app = spawnTsx("server/main.ts", { ...badEnv, PGLITE_DIR: path.join(dataDir, "pglite"), UPLOAD_DIR: dataDir });
      const { code } = await app.exited;
      expect(code).toBe(1);
      const printed = app.stderr();
      expect(printed).toMatch(/Invalid configuration/);
      for (const key of ["PORT", "DATABASE_URL", "MAIL_FROM", "GOOGLE_CLIENT_SECRET", "LOG_LEVEL"]) {
        expect(printed).toMatch(new RegExp(`- ${key}:`));
      }
      expect(app.stdout()).not.toMatch(/listening on/);
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
