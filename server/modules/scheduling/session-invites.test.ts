/**
 * The calendar invites people actually receive: the delivery worker sends the emails to a real SMTP server, and
 * the .ics attachments are read back from the received messages (mailparser) with an independent iCalendar parser
 * (ical.js), as a calendar app would. The organizer is the sending address, the people are attendees, and a cancel
 * reaches every participant, the canceller included, with the request's UID and a higher SEQUENCE.
 * The clock is fixed at Monday 2 March 2026, 08:00 UTC; sessions are on Thursday 5 March.
 */
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SinkMessage, type SmtpSink, startSmtpSink } from "../../../e2e/support/smtp-sink";
import { createTestClock } from "../../clock";
import { sessionUid } from "../../integrations/calendar/ics";
import { silentLogger } from "../../logger";
import { type SchedulingTestData, schedulingTestData } from "../../test-support/scheduling-test-data";
import { startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";

const MONDAY = "2026-03-02T08:00:00Z";
const THURSDAY_10 = "2026-03-05T10:00:00.000Z";
const THURSDAY_14 = "2026-03-05T14:00:00.000Z";
const SENDER = "invites@mentoring.example.test";

let sink: SmtpSink;
let t: TestApp;
let data: SchedulingTestData;
const clock = createTestClock(MONDAY);

beforeAll(async () => {
  sink = await startSmtpSink({ mailFrom: `Mentoring <${SENDER}>` });
  t = await startTestApp(sink.env(), { clock });
  data = schedulingTestData(t);
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

const deliver = () =>
  createDeliveryWorker({ db: t.deps.db, clock, mailer: t.deps.mailer, logger: silentLogger, realtime: t.deps.realtime, jitter: 0 }).drain();

type Invite = {
  subject: string;
  from: string;
  contentType: string;
  method: string;
  uid: string;
  sequence: number;
  start: string;
  organizer: string;
  organizerName: string | null;
  attendees: string[];
};

const mailto = (email: string) => `mailto:${email}`.toLowerCase();

/** Every calendar invite the SMTP server received for `email`, parsed by ical.js, oldest version (SEQUENCE) first. */
function invitesTo(email: string): Invite[] {
  return sink.messages
    .filter((m: SinkMessage) => m.envelopeTo.includes(email))
    .flatMap((m) =>
      m.attachments
        .filter((a) => a.contentType.startsWith("text/calendar"))
        .map((a) => {
          const root = new ICAL.Component(ICAL.parse(a.content));
          const vevents = root.getAllSubcomponents("vevent");
          expect(vevents).toHaveLength(1);
          const event = new ICAL.Event(vevents[0]!);
          const organizer = event.component.getFirstProperty("organizer");
          return {
            subject: m.subject,
            from: m.from,
            contentType: a.contentType,
            method: String(root.getFirstPropertyValue("method")),
            uid: event.uid,
            sequence: event.sequence,
            start: event.startDate.toJSDate().toISOString(),
            organizer: String(organizer?.getFirstValue()).toLowerCase(),
            organizerName: (organizer?.getParameter("cn") as string | undefined) ?? null,
            attendees: event.attendees.map((x) => String(x.getFirstValue()).toLowerCase()).sort(),
          };
        }),
    )
    .sort((a, b) => a.sequence - b.sequence);
}

describe("one-to-one session invites", () => {
  it("the canceller and the other person both get METHOD:CANCEL, organized by the sending address, same UID, higher SEQUENCE", async () => {
    const w = await data.berlinNewYorkPair("instant");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    await w.menteeClient.scheduling.cancel.mutate({ sessionId: s.id, reason: "My exam moved" });
    await deliver();

    const uid = sessionUid(s.id, t.deps.config.publicUrl);
    const participants = [mailto(w.mentor.email), mailto(w.mentee.email)].sort();
    for (const person of [w.mentee, w.mentor]) {
      const [request, cancel, ...more] = invitesTo(person.email);
      expect(more).toEqual([]);
      for (const invite of [request, cancel]) {
        expect(invite).toMatchObject({ uid, from: SENDER, organizer: mailto(SENDER), organizerName: w.p.name, attendees: participants });
      }
      expect(request).toMatchObject({ method: "REQUEST", sequence: 0, start: THURSDAY_10 });
      expect(cancel?.method).toBe("CANCEL");
      expect(cancel?.contentType).toContain("method=CANCEL");
      expect(cancel!.sequence).toBeGreaterThan(request!.sequence);
    }
    // The canceller's email says they did it; the other person hears who did.
    expect(invitesTo(w.mentee.email)[1]?.subject).toMatch(/^You cancelled the session with Mia Mentor on /);
    expect(invitesTo(w.mentor.email)[1]?.subject).toMatch(/^Ned Mentee cancelled the session on /);
  });

  it("a move then a cancel by the other person: both calendars follow, SEQUENCE 0, 1, 2 on one UID", async () => {
    const w = await data.berlinNewYorkPair("instant");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    await w.menteeClient.scheduling.reschedule.mutate({ sessionId: s.id, start: THURSDAY_14, reason: "A clash" });
    await w.mentorClient.scheduling.cancel.mutate({ sessionId: s.id, reason: "I am ill" });
    await deliver();

    for (const person of [w.mentor, w.mentee]) {
      const invites = invitesTo(person.email);
      expect(invites.map((i) => [i.method, i.sequence])).toEqual([
        ["REQUEST", 0],
        ["REQUEST", 1],
        ["CANCEL", 2],
      ]);
      expect(new Set(invites.map((i) => i.uid))).toEqual(new Set([sessionUid(s.id, t.deps.config.publicUrl)]));
      expect(invites.every((i) => i.organizer === mailto(SENDER))).toBe(true);
      expect(invites[1]?.start).toBe(THURSDAY_14);
    }
  });

  it("cancelling a session the mentor never confirmed sends no calendar file to anyone, and nothing to the canceller", async () => {
    const w = await data.berlinNewYorkPair("mentor_confirms");
    const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    await w.menteeClient.scheduling.cancel.mutate({ sessionId: s.id, reason: "Never mind" });
    await deliver();
    expect(invitesTo(w.mentor.email)).toEqual([]);
    expect(invitesTo(w.mentee.email)).toEqual([]);
    expect(sink.messages.filter((m) => m.envelopeTo.includes(w.mentee.email))).toEqual([]);
  });
});

describe("office hours invites", () => {
  it("when the host cancels, every seat holder gets METHOD:CANCEL for the UID of their invite, organized by the sending address", async () => {
    const p = await data.program();
    const host = await data.mentor(p.id, { name: "Hana Host" });
    const hostClient = await data.clientFor(host.id);
    const seatHolders = [];
    for (const name of ["Ari Attendee", "Bo Attendee"]) {
      const u = await data.mentee(p.id, { name });
      seatHolders.push({ ...u, client: await data.clientFor(u.id) });
    }
    const { created } = await hostClient.officeHours.host.mutate({ programId: p.id, title: "CV reviews", start: THURSDAY_10, capacity: 3 });
    const oh = created[0]!;
    for (const a of seatHolders) await a.client.officeHours.takeSeat.mutate({ sessionId: oh.id });
    await hostClient.officeHours.cancel.mutate({ sessionId: oh.id, reason: "I am ill" });
    await deliver();

    for (const a of seatHolders) {
      const [request, cancel, ...more] = invitesTo(a.email);
      expect(more).toEqual([]);
      for (const invite of [request, cancel]) {
        expect(invite).toMatchObject({
          uid: sessionUid(oh.id, t.deps.config.publicUrl),
          organizer: mailto(SENDER),
          organizerName: p.name,
          // The host and this seat holder only: seat holders never see each other's addresses.
          attendees: [mailto(host.email), mailto(a.email)].sort(),
        });
      }
      expect(request?.method).toBe("REQUEST");
      expect(cancel?.method).toBe("CANCEL");
      expect(cancel!.sequence).toBeGreaterThan(request!.sequence);
    }
  });
});
