/**
 * The .ics files are parsed back with ical.js (Mozilla's parser, independent of ical-generator), so these tests
 * check what a calendar client will read, not what our generator meant to write.
 */
import ICAL from "ical.js";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { buildFeed, buildSessionInvite, type SessionInviteInput, sessionUid } from "./ics";

type Parsed = { method: string | null; calName: string | null; events: ICAL.Event[]; raw: ICAL.Component };

function parse(content: string): Parsed {
  const root = new ICAL.Component(ICAL.parse(content));
  const method = root.getFirstPropertyValue("method");
  const calName = root.getFirstPropertyValue("x-wr-calname");
  return {
    method: typeof method === "string" ? method : null,
    calName: typeof calName === "string" ? calName : null,
    events: root.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)),
    raw: root,
  };
}

function only(p: Parsed): ICAL.Event {
  expect(p.events).toHaveLength(1);
  return p.events[0] as ICAL.Event;
}

/** An instant from a wall-clock time in a named zone, through Temporal (not through our code). */
const at = (wallClock: string, zone: string) => new Date(Temporal.ZonedDateTime.from(`${wallClock}[${zone}]`).epochMilliseconds);

// 01:30-03:30 in Berlin on the night summer time ends (03:00 CEST -> 02:00 CET): three real hours, not two.
const dstStart = at("2026-10-25T01:30", "Europe/Berlin");
const dstEnd = at("2026-10-25T03:30", "Europe/Berlin");

const base: SessionInviteInput = {
  method: "REQUEST",
  uid: sessionUid("0b7c7f7e-4e61-4bd4-9d0e-2a1de3f0c001", "https://mis.example.org/app"),
  sequence: 0,
  start: dstStart,
  end: dstEnd,
  summary: "Mentoring session: Ana ↔ Ben",
  description: "Agenda:\n1. Goals, progress; next steps\n2. Questions",
  location: "https://meet.google.com/abc-defg-hij",
  url: "https://mis.example.org/sessions/0b7c7f7e",
  organizer: { name: "Mentoring Programme", email: "mentoring@example.org" },
  attendees: [
    { name: "Ana Müller", email: "ana@example.com" },
    { name: "Ben Okafor", email: "ben@example.net" },
  ],
  stamp: new Date("2026-10-01T09:00:00Z"),
};

describe(".ics invitations", () => {
  it("a confirmation is a METHOD:REQUEST file whose instants, across a DST change, equal the session's", () => {
    expect(dstEnd.getTime() - dstStart.getTime()).toBe(3 * 60 * 60 * 1000);
    const file = buildSessionInvite(base);
    expect(file.contentType).toBe("text/calendar; method=REQUEST; charset=utf-8");
    expect(file.filename).toBe("invite.ics");
    const p = parse(file.content);
    expect(p.method).toBe("REQUEST");
    const ev = only(p);
    expect(ev.uid).toBe("session-0b7c7f7e-4e61-4bd4-9d0e-2a1de3f0c001@mis.example.org");
    expect(ev.startDate.toJSDate().getTime()).toBe(dstStart.getTime());
    expect(ev.endDate.toJSDate().getTime()).toBe(dstEnd.getTime());
    expect(ev.startDate.zone.tzid).toBe("UTC");
    expect(ev.sequence).toBe(0);
    expect(ev.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(ev.component.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-10-01T09:00:00Z");
  });

  it("times are written as UTC with no TZID, whatever zone the people are in", () => {
    const content = buildSessionInvite({
      ...base,
      start: at("2026-03-29T01:30", "America/New_York"),
      end: at("2026-03-30T04:00", "Australia/Sydney"),
    }).content;
    expect(content).not.toMatch(/TZID/);
    expect(content).toMatch(/^DTSTART:\d{8}T\d{6}Z\r$/m);
    expect(content).toMatch(/^DTEND:\d{8}T\d{6}Z\r$/m);
    expect(content).toContain("\r\n");
  });

  it("names the organizer and every attendee by email, attendees asked to reply", () => {
    const ev = only(parse(buildSessionInvite(base).content));
    const organizer = ev.component.getFirstProperty("organizer");
    expect(String(organizer?.getFirstValue()).toLowerCase()).toBe("mailto:mentoring@example.org");
    expect(organizer?.getParameter("cn")).toBe("Mentoring Programme");
    const attendees = ev.attendees.map((a) => ({
      email: String(a.getFirstValue()).toLowerCase(),
      cn: a.getParameter("cn"),
      rsvp: a.getParameter("rsvp"),
      partstat: a.getParameter("partstat"),
      role: a.getParameter("role"),
    }));
    expect(attendees).toEqual([
      { email: "mailto:ana@example.com", cn: "Ana Müller", rsvp: "TRUE", partstat: "NEEDS-ACTION", role: "REQ-PARTICIPANT" },
      { email: "mailto:ben@example.net", cn: "Ben Okafor", rsvp: "TRUE", partstat: "NEEDS-ACTION", role: "REQ-PARTICIPANT" },
    ]);
  });

  it("commas, semicolons, backslashes and line breaks in text survive the round trip", () => {
    const summary = "Review; CV, cover letter \\ portfolio";
    const description = "First line, with a comma\nSecond; with a semicolon\r\nThird \\ backslash";
    const ev = only(parse(buildSessionInvite({ ...base, summary, description, location: "Room 4, Building B; floor 2" }).content));
    expect(ev.summary).toBe(summary);
    expect(ev.description).toBe("First line, with a comma\nSecond; with a semicolon\nThird \\ backslash");
    expect(ev.location).toBe("Room 4, Building B; floor 2");
  });

  it("a name with quotes or a line break cannot break out of its parameter", () => {
    const ev = only(
      parse(buildSessionInvite({ ...base, attendees: [{ name: 'Eve "the" \r\nHacker', email: "eve@example.com" }] }).content),
    );
    expect(ev.attendees).toHaveLength(1);
    expect(ev.attendees[0]?.getParameter("cn")).toBe("Eve 'the' Hacker");
    expect(String(ev.attendees[0]?.getFirstValue()).toLowerCase()).toBe("mailto:eve@example.com");
  });

  it("refuses an email address that is not plain, and an end that is not after the start", () => {
    expect(() => buildSessionInvite({ ...base, attendees: [{ email: "a@example.com;RSVP=TRUE" }] })).toThrow(/email/);
    expect(() => buildSessionInvite({ ...base, end: base.start })).toThrow(/end must be after start/);
    expect(() => buildSessionInvite({ ...base, sequence: -1 })).toThrow(/sequence/);
  });

  it("a reschedule keeps the UID and raises SEQUENCE; the cancel matches the original UID with a higher SEQUENCE", () => {
    const original = only(parse(buildSessionInvite(base).content));
    const movedStart = new Date("2026-10-27T15:00:00Z");
    const movedEnd = new Date("2026-10-27T16:00:00Z");
    const moved = only(parse(buildSessionInvite({ ...base, sequence: 1, start: movedStart, end: movedEnd }).content));
    const cancelFile = buildSessionInvite({ ...base, method: "CANCEL", sequence: 2, start: movedStart, end: movedEnd });
    expect(cancelFile.contentType).toBe("text/calendar; method=CANCEL; charset=utf-8");
    expect(cancelFile.filename).toBe("cancel.ics");
    const cancelled = parse(cancelFile.content);
    expect(cancelled.method).toBe("CANCEL");
    const cancel = only(cancelled);

    expect(moved.uid).toBe(original.uid);
    expect(cancel.uid).toBe(original.uid);
    expect(original.sequence).toBeLessThan(moved.sequence);
    expect(moved.sequence).toBeLessThan(cancel.sequence);
    expect(moved.startDate.toJSDate()).toEqual(movedStart);
    expect(cancel.startDate.toJSDate()).toEqual(movedStart);
    expect(cancel.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    // The cancel still names the attendees it cancels for (RFC 5546 3.2.5), without asking them to reply.
    expect(cancel.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([
      "mailto:ana@example.com",
      "mailto:ben@example.net",
    ]);
    expect(cancel.attendees.map((a) => a.getParameter("rsvp"))).toEqual(["FALSE", "FALSE"]);
  });

  it("sessionUid is stable per session and names the deployment's host", () => {
    expect(sessionUid("42", "https://mis.example.org")).toBe("session-42@mis.example.org");
    expect(sessionUid("42", "http://localhost:3000/")).toBe("session-42@localhost");
  });
});

describe("the private subscription feed", () => {
  const events = [
    {
      uid: "session-1@mis.example.org",
      sequence: 0,
      start: at("2026-03-28T10:00", "Europe/London"),
      end: at("2026-03-28T11:00", "Europe/London"),
      summary: "Mentoring with Ana",
      status: "CONFIRMED" as const,
    },
    {
      uid: "session-2@mis.example.org",
      sequence: 3,
      // The day after the clocks go forward in London: 10:00 is now 09:00Z.
      start: at("2026-03-29T10:00", "Europe/London"),
      end: at("2026-03-29T11:30", "Europe/London"),
      summary: "Career chat, part 2; notes",
      description: "Bring\nyour CV",
      url: "https://mis.example.org/sessions/2",
      status: "TENTATIVE" as const,
      updatedAt: new Date("2026-03-01T12:00:00Z"),
    },
    {
      uid: "session-3@mis.example.org",
      sequence: 2,
      start: new Date("2026-03-30T10:00:00Z"),
      end: new Date("2026-03-30T11:00:00Z"),
      summary: "Cancelled one",
      status: "CANCELLED" as const,
    },
  ];

  it("is one METHOD:PUBLISH calendar with a name, the live sessions at their instants, and no cancelled ones", () => {
    const p = parse(buildFeed({ name: "Mentoring — Ana", events, stamp: new Date("2026-03-01T00:00:00Z") }));
    expect(p.method).toBe("PUBLISH");
    expect(p.calName).toBe("Mentoring — Ana");
    expect(p.events.map((e) => e.uid)).toEqual(["session-1@mis.example.org", "session-2@mis.example.org"]);
    const [first, second] = p.events;
    expect(first?.startDate.toJSDate().toISOString()).toBe("2026-03-28T10:00:00.000Z");
    expect(second?.startDate.toJSDate().toISOString()).toBe("2026-03-29T09:00:00.000Z");
    expect(second?.endDate.toJSDate().toISOString()).toBe("2026-03-29T10:30:00.000Z");
    expect(second?.sequence).toBe(3);
    expect(second?.summary).toBe("Career chat, part 2; notes");
    expect(second?.description).toBe("Bring\nyour CV");
    expect(second?.component.getFirstPropertyValue("status")).toBe("TENTATIVE");
    expect(second?.component.getFirstPropertyValue("last-modified")?.toString()).toBe("2026-03-01T12:00:00Z");
    expect(p.raw.getFirstPropertyValue("refresh-interval")?.toString()).toBe("PT1H");
  });

  it("carries no organizer or attendees, so clients treat it as read-only and no addresses leak", () => {
    const content = buildFeed({ name: "Sessions", events, stamp: new Date("2026-03-01T00:00:00Z") });
    expect(content).not.toMatch(/ORGANIZER|ATTENDEE|TZID/);
  });

  it("an empty feed is still a valid calendar", () => {
    const p = parse(buildFeed({ name: "Sessions", events: [], stamp: new Date("2026-03-01T00:00:00Z") }));
    expect(p.events).toEqual([]);
    expect(p.calName).toBe("Sessions");
  });
});
