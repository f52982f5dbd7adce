import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "./test-support/factories";
import { errorOf, startTestApp, type TestApp } from "./test-support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("a NUL character in any input", () => {
  it("is refused naming the field, instead of failing in the database", async () => {
    const admin = await makeUser(t.deps.db, { admin: true });
    const browser = t.client();
    await browser.auth.signIn.mutate({ email: admin.email, password: TEST_PASSWORD });
    const err = await errorOf(browser.admin.users.query({ q: "ali\u0000ce" }));
    expect(err.appCode).toBe("VALIDATION");
    expect(err.fieldErrors.q?.[0]).toMatch(/control character/);
    // Ordinary searches still work.
    expect((await browser.admin.users.query({ q: "alice" })).items).toBeDefined();
  });

  it("is refused in nested fields too, before sign-in is even checked", async () => {
    const err = await errorOf(t.client().auth.signIn.mutate({ email: "a\u0000@example.test", password: "x" }));
    expect(err.appCode).toBe("VALIDATION");
    expect(Object.keys(err.fieldErrors)).toEqual(["email"]);
  });
});
