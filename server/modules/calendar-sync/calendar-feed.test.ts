/**
 * The private iCal subscription URL, fetched like a calendar app would (no cookie) and parsed back with ical.js.
 * The clock is fixed at Monday 2 March 2026, 08:00 UTC.
 */
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarFeeds } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import { hashFeedToken } from "../../integrations/calendar/feed-token";
import { sessionUid } from "../../integrations/calendar/ics";
import { type SchedulingTestData, useSchedulingApp } from "../../test-support/scheduling-test-data";
import type { TestApp } from "../../test-support/test-app";

const MONDAY = "2026-03-02T08:00:00Z";
const THURSDAY_10 = "2026-03-05T10:00:00.000Z";
const FRIDAY_10 = "2026-03-06T10:00:00.000Z";

let t: TestApp;
let data: SchedulingTestData;
useSchedulingApp(MONDAY, (app) => ({ t, data } = app));

/** Thursdays and Fridays, so a session can move to the next day. */
const pair = () => data.berlinNewYorkPair("instant", [4, 5]);

/** The feed path of a URL the server handed out, fetched on the test server without any cookie. */
const fetchFeed = (url: string) => fetch(`${t.url}${new URL(url).pathname}`);

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  return {
    method: root.getFirstPropertyValue("method"),
    events: root.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)),
  };
}

describe("the private iCal subscription", () => {
  it("serves the person's sessions as read-only text/calendar with the right instants, without a session cookie", async () => {
    const w = await pair();
    const kept = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    const dropped = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: FRIDAY_10 });
    await w.menteeClient.scheduling.cancel.mutate({ sessionId: dropped.id, reason: "Ill" });

    expect(await w.mentorClient.calendarSync.feed.query()).toEqual({ exists: false, createdAt: null });
    const feed = await w.mentorClient.calendarSync.createFeed.mutate();
    expect(feed.url).toMatch(new RegExp(`^${t.deps.config.publicUrl}/calendar/feed/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(feed.webcalUrl).toBe(feed.url.replace(/^http:/, "webcal:"));
    expect(await w.mentorClient.calendarSync.feed.query()).toEqual({ exists: true, createdAt: new Date(MONDAY) });

    const res = await fetchFeed(feed.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    expect(res.headers.get("cache-control")).toMatch(/^private/);
    const ics = parse(await res.text());
    expect(ics.method).toBe("PUBLISH");
    // The cancelled session is left out, so a subscribed calendar removes it (see docs/setup/google-calendar.md §5).
    expect(ics.events).toHaveLength(1);
    const event = ics.events[0]!;
    expect(event.uid).toBe(sessionUid(kept.id, t.deps.config.publicUrl));
    expect(event.startDate.toJSDate().toISOString()).toBe(THURSDAY_10);
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-03-05T11:00:00.000Z");
    expect(event.startDate.zone?.tzid).toBe("UTC");
    expect(event.summary).toBe("Mentoring session with Ned Mentee");
    expect(event.attendees).toHaveLength(0);
    expect(event.organizer).toBeNull();
  });

  it("only the hash of the secret is stored", async () => {
    const w = await pair();
    const feed = await w.menteeClient.calendarSync.createFeed.mutate();
    const token = feed.url
      .split("/")
      .pop()!
      .replace(/\.ics$/, "");
    const [row] = await t.deps.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, w.mentee.id));
    expect(row?.tokenHash).toBe(hashFeedToken(token).toString("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("regenerating stops the old URL at once, and deleting stops the new one", async () => {
    const w = await pair();
    const first = await w.menteeClient.calendarSync.createFeed.mutate();
    const second = await w.menteeClient.calendarSync.regenerateFeed.mutate();
    expect(second.url).not.toBe(first.url);
    expect((await fetchFeed(first.url)).status).toBe(404);
    expect((await fetchFeed(second.url)).status).toBe(200);

    await w.menteeClient.calendarSync.deleteFeed.mutate();
    expect((await fetchFeed(second.url)).status).toBe(404);
    expect(await w.menteeClient.calendarSync.feed.query()).toEqual({ exists: false, createdAt: null });
  });

  it("a suspended person's feed stops answering, and works again when they are reinstated", async () => {
    const w = await pair();
    const { url } = await w.menteeClient.calendarSync.createFeed.mutate();
    expect((await fetchFeed(url)).status).toBe(200);
    await t.deps.db.update(users).set({ status: "suspended" }).where(eq(users.id, w.mentee.id));
    expect((await fetchFeed(url)).status).toBe(404);
    await t.deps.db.update(users).set({ status: "active" }).where(eq(users.id, w.mentee.id));
    expect((await fetchFeed(url)).status).toBe(200);
  });

  it("answers 404 for unknown and malformed tokens", async () => {
    const unknown = `${"A".repeat(43)}`;
    expect((await fetch(`${t.url}/calendar/feed/${unknown}.ics`)).status).toBe(404);
    expect((await fetch(`${t.url}/calendar/feed/not-a-token.ics`)).status).toBe(404);
    expect((await fetch(`${t.url}/calendar/feed/${"x".repeat(300)}.ics`)).status).toBe(404);
  });
});
