/** `npm start` as a newcomer runs it: a fresh data folder, demo accounts printed, pages served, mail sent. */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../server/router";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { type AppProcess, startApp } from "./support/server";
import { type SmtpSink, startSmtpSink } from "./support/smtp-sink";

let app: AppProcess;
let smtp: SmtpSink;
let browser: TestBrowser;

beforeAll(async () => {
  smtp = await startSmtpSink();
  app = await startApp({ env: { ...smtp.env(), WORKER_POLL_MS: "200" } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.close();
});

describe("starting the app", () => {
  it("prints the demo accounts on the first start and answers its health checks", async () => {
    const accounts = app.demoAccounts();
    expect(accounts.admin).toMatch(/@/);
    expect(accounts.mentee).toMatch(/@/);
    expect(accounts.password.length).toBeGreaterThanOrEqual(8);
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${app.url}/readyz`)).json()).toEqual({ status: "ready", database: "pglite" });
  });

  it("lets a demo account sign in with the printed password", async () => {
    const { mentee, password } = app.demoAccounts();
    let cookie = "";
    const client = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${app.url}/trpc`,
          transformer: superjson,
          fetch: async (input, init) => {
            const res = await fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
            const set = res.headers.getSetCookie()[0];
            if (set) cookie = set.split(";")[0] ?? "";
            return res;
          },
        }),
      ],
    });
    await client.auth.signIn.mutate({ email: mentee, password });
    expect((await client.auth.me.query())?.email).toBe(mentee);
  });

  it("serves a page that Chromium renders without errors or blocked resources", async () => {
    const { page, errors, close } = await browser.newSession();
    const res = await page.goto(app.url);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'self'");
    await page.waitForLoadState("networkidle");
    expect((await page.locator("body").textContent())?.trim().length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await close();
  });

  it("sends a new member's confirmation email through the configured SMTP server, with a link back to the app", async () => {
    const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${app.url}/trpc`, transformer: superjson })] });
    await client.auth.signUp.mutate({ name: "Lena Fischer", email: "lena@example.test", password: "a calm and long pass phrase" });
    const [mail] = await smtp.waitFor(1, { filter: (m) => m.envelopeTo.includes("lena@example.test") });
    expect(mail?.subject).toBe("Confirm your email address");
    expect(mail?.authUser).toBe(smtp.env().SMTP_USER);
    const link = /(https?:\/\/\S+verify-email\?token=[a-z0-9]+)/.exec(mail?.text ?? "")?.[1];
    expect(link?.startsWith(`${app.url}/`)).toBe(true);
  });
});
