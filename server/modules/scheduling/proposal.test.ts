/**
 * Other times a mentor proposes, and the mentee's pick. The clock is fixed at Monday 2 March 2026, 08:00 UTC;
 * the mentor (Berlin) takes Thursdays 08:00-18:00 Berlin time, the mentee is in New York.
 */
import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { deliveries } from "../../../db/schema/notifications";
import { sessionProposals } from "../../../db/schema/scheduling";
import { sessionUid } from "../../integrations/calendar/ics";
import { type SchedulingTestData, useSchedulingApp } from "../../test-support/scheduling-test-data";
import { errorOf, type TestApp } from "../../test-support/test-app";
import type { EmailPayload } from "../notification/outbox.service";

const MONDAY = "2026-03-02T08:00:00Z";
const THURSDAY_10 = "2026-03-05T10:00:00.000Z";
const THURSDAY_13 = "2026-03-05T13:00:00.000Z";
const THURSDAY_15 = "2026-03-05T15:00:00.000Z";

let t: TestApp;
let data: SchedulingTestData;
useSchedulingApp(MONDAY, (app) => ({ t, data } = app));

const pair = (bookingConfirmation: "instant" | "mentor_confirms" = "mentor_confirms") => data.berlinNewYorkPair(bookingConfirmation);
const notificationsOf = (userId: string, type: string) => data.notificationsOf(userId, type);

/** The .ics events on the person's emails of this type, parsed back as a calendar client would. */
async function invitesOf(userId: string, type: string) {
  const rows = await t.deps.db
    .select({ payload: deliveries.payload })
    .from(deliveries)
    .where(and(eq(deliveries.userId, userId), eq(deliveries.type, type), eq(deliveries.channel, "email")));
  return rows.flatMap((r) =>
    ((r.payload as EmailPayload).attachments ?? []).map((file) => {
      const root = new ICAL.Component(ICAL.parse(file.content));
      const event = new ICAL.Event(root.getFirstSubcomponent("vevent")!);
      return { method: root.getFirstPropertyValue("method"), uid: event.uid, start: event.startDate.toJSDate().toISOString() };
    }),
  );
}

async function proposal(id: string) {
  const [row] = await t.deps.db.select().from(sessionProposals).where(eq(sessionProposals.id, id));
  return row!;
}

describe("proposing other times", () => {
  it("refuses a time that could not be booked, naming the time and the rule, and stores nothing", async () => {
    const w = await pair();
    // 19:00 Berlin is after the mentor's Thursday hours.
    const err = await errorOf(
      w.mentorClient.scheduling.propose.mutate({ matchId: w.matchId, starts: [THURSDAY_13, "2026-03-05T18:00:00Z"], message: "" }),
    );
    expect(err.appCode).toBe("CONFLICT");
    expect(err.message).toContain("Thu 5 Mar, 19:00-20:00");
    expect(err.message).toContain("outside the mentor's availability");
    const rows = await t.deps.db.select().from(sessionProposals).where(eq(sessionProposals.matchId, w.matchId));
    expect(rows).toHaveLength(0);
  });

  it("tells the mentee the times in their own zone, one per line, with a link to the booking page", async () => {
    const w = await pair();
    const requested = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    const p = await w.mentorClient.scheduling.propose.mutate({
      matchId: w.matchId,
      sessionId: requested.id,
      starts: [THURSDAY_15, THURSDAY_13],
      message: "Mornings are full",
    });
    // The mentor reads the times in Berlin, the mentee's beside them.
    expect(p.times.map((x) => x.viewerLocal)).toEqual(["Thu 5 Mar, 14:00-15:00", "Thu 5 Mar, 16:00-17:00"]);
    const [n] = await notificationsOf(w.mentee.id, "session.proposed");
    expect(n?.link).toBe(`/book/${w.matchId}`);
    const proposed = (n?.data ?? {}) as Record<string, string>;
    const lines = String(proposed.times).split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("08:00");
    expect(lines[1]).toContain("10:00");
    expect(proposed.message).toBe("Mornings are full");

    // The mentee sees the open proposal and the mentor the request still waiting, each in their own zone.
    const menteeView = await w.menteeClient.scheduling.pending.query({ matchId: w.matchId });
    expect(menteeView.proposals.map((x) => x.id)).toEqual([p.id]);
    expect(menteeView.proposals[0]!.times[0]!.viewerLocal).toBe("Thu 5 Mar, 08:00-09:00");
    const mentorView = await w.mentorClient.scheduling.pending.query({ matchId: w.matchId });
    expect(mentorView.requested.map((s) => s.id)).toEqual([requested.id]);
  });
});

describe("accepting proposed times", () => {
  it("moves the requested session to the picked time, confirms it with an .ics to both, and withdraws the other proposals", async () => {
    const w = await pair();
    const requested = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
    expect(requested.status).toBe("requested");
    const first = await w.mentorClient.scheduling.propose.mutate({
      matchId: w.matchId,
      sessionId: requested.id,
      starts: [THURSDAY_13],
      message: "",
    });
    const second = await w.mentorClient.scheduling.propose.mutate({
      matchId: w.matchId,
      sessionId: requested.id,
      starts: [THURSDAY_15],
      message: "Or later",
    });

    const session = await w.menteeClient.scheduling.acceptProposal.mutate({ proposalId: second.id, start: THURSDAY_15 });
    expect(session.id).toBe(requested.id);
    expect(session.status).toBe("confirmed");
    expect(session.start.toISOString()).toBe(THURSDAY_15);

    for (const person of [w.mentor, w.mentee]) {
      const invites = await invitesOf(person.id, "session.confirmed");
      expect(invites).toEqual([{ method: "REQUEST", uid: sessionUid(requested.id, t.deps.config.publicUrl), start: THURSDAY_15 }]);
    }
    expect((await proposal(second.id)).status).toBe("accepted");
    expect((await proposal(second.id)).acceptedSessionId).toBe(requested.id);
    expect((await proposal(first.id)).status).toBe("withdrawn");
    expect((await w.menteeClient.scheduling.pending.query({ matchId: w.matchId })).proposals).toEqual([]);
    // The time it held before is free again, and the withdrawn times can no longer be taken.
    const err = await errorOf(w.menteeClient.scheduling.acceptProposal.mutate({ proposalId: first.id, start: THURSDAY_13 }));
    expect(err.appCode).toBe("CONFLICT");
  });

  it("books a new confirmed session from a proposal made without a request", async () => {
    const w = await pair();
    const p = await w.mentorClient.scheduling.propose.mutate({ matchId: w.matchId, starts: [THURSDAY_13], message: "Shall we talk?" });
    const session = await w.menteeClient.scheduling.acceptProposal.mutate({ proposalId: p.id, start: THURSDAY_13 });
    expect(session.status).toBe("confirmed");
    expect(session.start.toISOString()).toBe(THURSDAY_13);
    expect(await invitesOf(w.mentee.id, "session.confirmed")).toHaveLength(1);
  });

  it("refuses a time that was not proposed, and a proposed time that became busy, naming the rule", async () => {
    const w = await pair("instant");
    const p = await w.mentorClient.scheduling.propose.mutate({ matchId: w.matchId, starts: [THURSDAY_13], message: "" });
    const notProposed = await errorOf(w.menteeClient.scheduling.acceptProposal.mutate({ proposalId: p.id, start: THURSDAY_15 }));
    expect(notProposed.appCode).toBe("VALIDATION");
    expect(Object.keys(notProposed.fieldErrors ?? {})).toEqual(["start"]);

    await w.mentorClient.scheduling.book.mutate({ matchId: w.matchId, start: "2026-03-05T12:30:00Z" });
    const busy = await errorOf(w.menteeClient.scheduling.acceptProposal.mutate({ proposalId: p.id, start: THURSDAY_13 }));
    expect(busy.appCode).toBe("CONFLICT");
    expect(busy.message).toContain("overlaps another session");
    expect((await proposal(p.id)).status).toBe("open");
  });

  it("the mentee can decline proposed times, which then cannot be accepted", async () => {
    const w = await pair();
    const p = await w.mentorClient.scheduling.propose.mutate({ matchId: w.matchId, starts: [THURSDAY_13], message: "" });
    expect(await w.menteeClient.scheduling.declineProposal.mutate({ proposalId: p.id })).toEqual({ id: p.id, status: "declined" });
    const err = await errorOf(w.menteeClient.scheduling.acceptProposal.mutate({ proposalId: p.id, start: THURSDAY_13 }));
    expect(err.appCode).toBe("CONFLICT");
  });
});

describe("who may propose and answer", () => {
  it("only the mentor proposes and only the mentee answers; people outside the match are told it does not exist", async () => {
    const w = await pair();
    const propose = { matchId: w.matchId, starts: [THURSDAY_13], message: "" };
    expect((await errorOf(w.menteeClient.scheduling.propose.mutate(propose))).appCode).toBe("FORBIDDEN");
    const p = await w.mentorClient.scheduling.propose.mutate(propose);
    expect((await errorOf(w.mentorClient.scheduling.acceptProposal.mutate({ proposalId: p.id, start: THURSDAY_13 }))).appCode).toBe(
      "FORBIDDEN",
    );
    expect((await errorOf(w.mentorClient.scheduling.declineProposal.mutate({ proposalId: p.id }))).appCode).toBe("FORBIDDEN");

    const outsider = await data.clientFor((await data.mentor(w.p.id, { name: "Other Mentor" })).id);
    expect((await errorOf(outsider.scheduling.propose.mutate(propose))).appCode).toBe("NOT_FOUND");
    expect((await errorOf(outsider.scheduling.acceptProposal.mutate({ proposalId: p.id, start: THURSDAY_13 }))).appCode).toBe("NOT_FOUND");
    expect((await errorOf(outsider.scheduling.pending.query({ matchId: w.matchId }))).appCode).toBe("NOT_FOUND");
    expect((await proposal(p.id)).status).toBe("open");
  });
});
