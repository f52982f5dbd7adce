import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devMessages } from "../../../db/schema/notifications";
import { silentLogger } from "../../logger";
import { errorOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";

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

  it("refuses a common password and a duplicate email with the field named, writing nothing", async () => {
    const browser = t.client();
    const weak = await errorOf(browser.auth.signUp.mutate({ name: "Weak", email: "weak@example.test", password: "password123" }));
    expect(weak.appCode).toBe("VALIDATION");
    expect(weak.fieldErrors.password?.[0]).toMatch(/too common/);
    expect(await browser.auth.me.query()).toBeNull();

    const dup = await errorOf(browser.auth.signUp.mutate({ name: "Dup", email: "nia@example.test", password: "another fine phrase 9" }));
    expect(dup.fieldErrors.email?.[0]).toMatch(/already exists/);
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
});
