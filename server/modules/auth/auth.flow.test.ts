import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devMessages } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import { silentLogger } from "../../logger";
import { makeUser } from "../../test-support/factories";
import { errorOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";
import { RESET_ANSWER_MIN_MS } from "./auth.service";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function deliverMail() {
  const worker = createDeliveryWorker({
    db: t.deps.db,
    clock: t.clock,
    mailer: t.deps.mailer,
    logger: silentLogger,
    realtime: t.deps.realtime,
  });
  return worker.drain();
}

async function mailTo(email: string) {
  return t.deps.db.select().from(devMessages).where(eq(devMessages.to, email));
}

describe("sign-up, verification and sign-in", () => {
  it("a new member signs up, gets a verification email, verifies and signs in again", async () => {
    const browser = t.client();
    await browser.auth.signUp.mutate({ name: "Nia Obi", email: "nia@example.test", password: "a sturdy pass phrase 7" });
    const me = await browser.auth.me.query();
    expect(me?.email).toBe("nia@example.test");
    expect(me?.emailVerified).toBe(false);

    expect(await deliverMail()).toBe(1);
    const [mail] = await mailTo("nia@example.test");
    expect(mail?.subject).toBe("Confirm your email address");
    const link = /https?:\/\/\S+verify-email\?token=([a-z0-9]+)/.exec(mail?.text ?? "");
    expect(link).not.toBeNull();
    await browser.auth.verifyEmail.mutate({ token: link?.[1] ?? "" });
    expect((await browser.auth.me.query())?.emailVerified).toBe(true);

    // The link is single-use.
    const reused = await errorOf(browser.auth.verifyEmail.mutate({ token: link?.[1] ?? "" }));
    expect(reused.appCode).toBe("VALIDATION");
    expect(reused.fieldErrors.token?.[0]).toMatch(/invalid or has expired/);

    await browser.auth.signOut.mutate();
    expect(await browser.auth.me.query()).toBeNull();
    const other = t.client();
    await other.auth.signIn.mutate({ email: "NIA@example.test", password: "a sturdy pass phrase 7" });
    expect((await other.auth.me.query())?.name).toBe("Nia Obi");
  });

  it("refuses weak and common passwords on the password field, writing nothing", async () => {
    const browser = t.client();
    const weak = await errorOf(browser.auth.signUp.mutate({ name: "Weak", email: "weak@example.test", password: "password123" }));
    expect(weak.appCode).toBe("VALIDATION");
    expect(weak.fieldErrors.password?.[0]).toMatch(/too common/);
    const repeated = await errorOf(browser.auth.signUp.mutate({ name: "Weak", email: "weak@example.test", password: "aaaaaaaaaa" }));
    expect(repeated.fieldErrors.password?.[0]).toBe(
      'Repeated characters like "aaa" are easy to guess. Add more words that are less common.',
    );
    const spaces = await errorOf(browser.auth.signUp.mutate({ name: "Weak", email: "weak@example.test", password: " ".repeat(10) }));
    expect(spaces.fieldErrors.password?.[0]).toBe("Use letters or words, not only spaces.");
    // zxcvbn's score below 3 is refused even when no single rule above catches it.
    const guessable = await errorOf(browser.auth.signUp.mutate({ name: "Weak", email: "weak@example.test", password: "abcdefghij12" }));
    expect(guessable.fieldErrors.password?.[0]).toBe(
      'Sequences like "abc" or "123" are easy to guess. Add more words that are less common.',
    );
    const ownName = await errorOf(browser.auth.signUp.mutate({ name: "Weak", email: "weakling@example.test", password: "weakling2026!" }));
    expect(ownName.fieldErrors.password?.[0]).toBe("Do not use your email address in your password.");
    expect(await browser.auth.me.query()).toBeNull();
    expect(await t.deps.db.select().from(users).where(eq(users.email, "weak@example.test"))).toHaveLength(0);
  });

  it("signing up with a known address answers exactly as for a new one, and its owner gets an email instead", async () => {
    const owner = await makeUser(t.deps.db, { email: "taken@example.test", name: "Tess Taken" });
    const fresh = await rawSignUp({ name: "New Person", email: "brand-new@example.test", password: "another fine phrase 9" });
    const known = await rawSignUp({ name: "Someone Else", email: "taken@example.test", password: "another fine phrase 9" });
    expect(known.status).toBe(fresh.status);
    expect(known.body).toEqual(fresh.body);

    // Nothing about the existing account changed.
    const [after] = await t.deps.db.select().from(users).where(eq(users.id, owner.id));
    expect(after?.name).toBe("Tess Taken");
    await deliverMail();
    const mails = await mailTo("taken@example.test");
    expect(mails.map((m) => m.subject)).toEqual(["You already have an account"]);
    expect(mails[0]?.text).toContain(`${t.url}/sign-in`);
    expect(mails[0]?.text).toContain("/forgot-password");
    // A second try within the hour does not send a second mail.
    await rawSignUp({ name: "Someone Else", email: "taken@example.test", password: "another fine phrase 9" });
    await deliverMail();
    expect(await mailTo("taken@example.test")).toHaveLength(1);
  });
  it("names every bad field at once", async () => {
    const err = await errorOf(t.client().auth.signUp.mutate({ name: "", email: "not-an-email", password: "short" }));
    expect(err.appCode).toBe("VALIDATION");
    expect(Object.keys(err.fieldErrors).sort()).toEqual(["email", "name", "password"]);
  });

  it("password reset works once, signs out every session and verifies the email", async () => {
    const a = t.client();
    await a.auth.signUp.mutate({ name: "Reset Me", email: "reset@example.test", password: "first long phrase 11" });
    await deliverMail();
    const anon = t.client();
    await anon.auth.requestPasswordReset.mutate({ email: "reset@example.test" });
    // Unknown addresses get the same answer.
    await anon.auth.requestPasswordReset.mutate({ email: "nobody@example.test" });
    await deliverMail();
    const mails = await mailTo("reset@example.test");
    const reset = mails.find((m) => m.subject === "Reset your password");
    const token = /reset-password\?token=([a-z0-9]+)/.exec(reset?.text ?? "")?.[1] ?? "";
    expect(token).not.toBe("");
    expect((await mailTo("nobody@example.test")).length).toBe(0);

    await anon.auth.resetPassword.mutate({ token, password: "second long phrase 22" });
    expect(await a.auth.me.query()).toBeNull(); // the old session is gone
    const again = await errorOf(anon.auth.resetPassword.mutate({ token, password: "third long phrase 33" }));
    expect(again.fieldErrors.token?.[0]).toMatch(/already used/);
    const b = t.client();
    await b.auth.signIn.mutate({ email: "reset@example.test", password: "second long phrase 22" });
    expect((await b.auth.me.query())?.emailVerified).toBe(true);
  });

  it("reset and change password refuse weak passwords on their field", async () => {
    const a = t.client();
    await a.auth.signUp.mutate({ name: "Strong Only", email: "strong@example.test", password: "first long phrase 11" });
    await a.auth.requestPasswordReset.mutate({ email: "strong@example.test" });
    await deliverMail();
    const reset = (await mailTo("strong@example.test")).find((m) => m.subject === "Reset your password");
    const token = /reset-password\?token=([a-z0-9]+)/.exec(reset?.text ?? "")?.[1] ?? "";
    for (const weak of ["aaaaaaaaaa", " ".repeat(10), "password123"]) {
      const e = await errorOf(t.client().auth.resetPassword.mutate({ token, password: weak }));
      expect(e.appCode).toBe("VALIDATION");
      expect(e.fieldErrors.password?.[0]).toBeTruthy();
      const c = await errorOf(a.auth.changePassword.mutate({ currentPassword: "first long phrase 11", newPassword: weak }));
      expect(c.appCode).toBe("VALIDATION");
      expect(c.fieldErrors.newPassword?.[0]).toBeTruthy();
    }
    // The token was not used up by the refusals, and the old password still works.
    await t.client().auth.resetPassword.mutate({ token, password: "a much better phrase 4" });
    const b = t.client();
    await b.auth.signIn.mutate({ email: "strong@example.test", password: "a much better phrase 4" });
  });

  it("a reset request for a real account takes no less time than one for an unknown address: both wait for the floor", async () => {
    await t.client().auth.signUp.mutate({ name: "Timed Reset", email: "timed@example.test", password: "first long phrase 11" });
    const anon = t.client();
    const timeOf = async (email: string) => {
      const started = performance.now();
      await anon.auth.requestPasswordReset.mutate({ email });
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await timeOf("timed@example.test"));
      unknown.push(await timeOf(`nobody-${i}@example.test`));
    }
    // Every answer waits at least the floor (RESET_ANSWER_MIN_MS), so the extra work for a real account is hidden.
    for (const ms of [...known, ...unknown]) expect(ms).toBeGreaterThanOrEqual(RESET_ANSWER_MIN_MS);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    // Loose on purpose (a shared machine): the unknown address is not answered noticeably sooner.
    expect(median(unknown)).toBeGreaterThanOrEqual(0.6 * median(known));
  });
});

/** A sign-up as the browser sends it, with the raw HTTP answer (status, body, whether a session cookie was set). */
async function rawSignUp(input: { name: string; email: string; password: string }) {
  const res = await fetch(`${t.url}/trpc/auth.signUp`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
