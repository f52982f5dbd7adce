/**
 * The time-zone banner's one-field save: the profile's zone changes and the rest of the profile stays as it was;
 * an unknown zone is refused with the field named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startTestApp, type TestApp } from "../../test-support/test-app";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("setting only the time zone", () => {
  it("changes the zone and keeps the name, bio, phone and languages", async () => {
    const c = t.client();
    await c.auth.signUp.mutate({
      email: "zone@example.org",
      password: "a long unusual passphrase 42",
      name: "Zoe Zone",
      timezone: "Asia/Seoul",
    });
    await c.profile.updateCommon.mutate({
      name: "Zoe Zone",
      bio: "Hello",
      timezone: "Asia/Seoul",
      phone: "+14155550123",
      languages: ["korean"],
    });
    expect((await c.auth.me.query())?.timezone).toBe("Asia/Seoul");

    await c.profile.setTimeZone.mutate({ timezone: "Europe/Paris" });
    expect((await c.auth.me.query())?.timezone).toBe("Europe/Paris");
    const profile = await c.profile.mine.query();
    expect(profile).toMatchObject({ name: "Zoe Zone", bio: "Hello", timezone: "Europe/Paris", languages: ["korean"] });
    expect(profile.phone).toBe("+14155550123");
  });

  it("refuses an unknown zone, naming the field", async () => {
    const c = t.client();
    await c.auth.signUp.mutate({ email: "zone2@example.org", password: "a long unusual passphrase 42", name: "Yan", timezone: "UTC" });
    const err = await errorOf(c.profile.setTimeZone.mutate({ timezone: "Mars/Olympus" }));
    expect(err.appCode).toBe("VALIDATION");
    expect(err.fieldErrors.timezone?.[0]).toMatch(/valid time zone/);
    expect((await c.auth.me.query())?.timezone).toBe("UTC");
  });
});
