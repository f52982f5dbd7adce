import { sql } from "drizzle-orm";
import { matches } from "../../../db/schema/matching";
import { sessionParticipants, sessionProposals, sessions } from "../../../db/schema/scheduling";
import { type Actor, all, type Entry, type Fixtures, signedIn } from "../authz";
import { enrol } from "../factories";

const onlyMentor = { ...all("denied"), mentor: "ok" } as const;
/** The match's two people and program A's staff; other programs' people are told it does not exist. */
const pairAndStaff = { ...all("denied"), mentee: "ok", mentor: "ok", coordinator: "ok", admin: "ok" } as const;
/** The pair reaches "this match is not active"; staff may read but not book. */
const pairReachesRule = { ...all("denied"), mentee: "CONFLICT", mentor: "CONFLICT" } as const;
const onlyParticipants = { ...all("denied"), mentee: "ok", mentor: "ok" } as const;

const HOUR = 3_600_000;
let sessionCounter = 0;

/**
 * A match in program A that the walk's mentee (or mentor) is part of when that actor calls, else a fresh pair.
 * Written as finished (not live), so the walk's people stay free for other modules' entries.
 */
async function matchFor(f: Fixtures, actor: Actor, status: "completed" | "ended" = "completed") {
  const fresh = async (role: "mentor" | "mentee") => {
    const u = await f.freshUser();
    await enrol(f.deps.db, f.programA, u.id, role);
    return u.id;
  };
  const mentorId = actor === "mentor" ? f.users.mentor.id : await fresh("mentor");
  const menteeId = actor === "mentee" ? f.users.mentee.id : await fresh("mentee");
  const [m] = await f.deps.db
    .insert(matches)
    .values({ programId: f.programA, mentorId, menteeId, status, source: "manual" })
    .returning({ id: matches.id });
  return { matchId: m!.id, mentorId, menteeId };
}

/** A session (confirmed unless said) far ahead, each at its own time so the walk's people never overlap themselves. */
async function sessionFor(f: Fixtures, actor: Actor, status: "confirmed" | "requested" = "confirmed") {
  const m = await matchFor(f, actor);
  const start = new Date(Date.now() + 30 * 24 * HOUR + ++sessionCounter * 3 * HOUR);
  const end = new Date(start.getTime() + HOUR);
  const [s] = await f.deps.db
    .insert(sessions)
    .values({ matchId: m.matchId, programId: f.programA, start, end, status })
    .returning({ id: sessions.id });
  const during = sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;
  await f.deps.db.insert(sessionParticipants).values([
    { sessionId: s!.id, userId: m.mentorId, role: "mentor", during },
    { sessionId: s!.id, userId: m.menteeId, role: "mentee", during },
  ]);
  return s!.id;
}

/** Open proposed times for a match of the actor (or a fresh pair's). */
async function proposalFor(f: Fixtures, actor: Actor) {
  const m = await matchFor(f, actor);
  const [p] = await f.deps.db
    .insert(sessionProposals)
    .values({ matchId: m.matchId, proposedBy: m.mentorId, starts: [week().from], message: "Walk test" })
    .returning({ id: sessionProposals.id });
  return p!.id;
}

const week = () => ({ from: new Date(Date.now() + 24 * HOUR).toISOString(), to: new Date(Date.now() + 8 * 24 * HOUR).toISOString() });

export const schedulingAuthz: Record<string, Entry> = {
  // Booking rules belong to mentors (any program); nobody else has any.
  "scheduling.myAvailability": { expect: onlyMentor },
  "scheduling.saveAvailability": {
    input: () => ({
      weekly: [{ weekday: 1, start: "09:00", end: "12:00" }],
      overrides: [],
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 10,
      minimumNotice: { kind: "hours", hours: 12 },
      maxPerDay: 3,
      maxPerWeek: null,
    }),
    expect: onlyMentor,
  },
  "scheduling.slots": { input: async (f, actor) => ({ matchId: (await matchFor(f, actor)).matchId, ...week() }), expect: pairAndStaff },
  // Everyone's own active matches (none for most), filtered by the caller in the WHERE clause.
  "scheduling.myMatches": { expect: signedIn() },
  "scheduling.book": {
    input: async (f, actor) => ({ matchId: (await matchFor(f, actor, "ended")).matchId, start: week().from }),
    expect: pairReachesRule,
  },
  // Everyone's own list (empty for most), filtered by the caller in the WHERE clause.
  "scheduling.mySessions": { input: () => week(), expect: signedIn() },
  "scheduling.cancel": {
    input: async (f, actor) => ({ sessionId: await sessionFor(f, actor), reason: "Walk test" }),
    expect: onlyParticipants,
  },
  // Only the session's mentor answers a requested session; its mentee and everyone else are refused.
  "scheduling.confirm": {
    input: async (f, actor) => ({ sessionId: await sessionFor(f, actor, "requested") }),
    expect: onlyMentor,
  },
  "scheduling.decline": {
    input: async (f, actor) => ({ sessionId: await sessionFor(f, actor, "requested"), reason: "Walk test" }),
    expect: onlyMentor,
  },
  // The pair reaches "this match is not active" (the walk's matches are finished); nobody else sees the session.
  "scheduling.reschedule": {
    input: async (f, actor) => ({
      sessionId: await sessionFor(f, actor),
      start: new Date(Date.now() + 60 * 24 * HOUR).toISOString(),
      reason: "Walk test",
    }),
    expect: pairReachesRule,
  },
  // Series: the pair reaches "this match is not active"; staff may not book.
  "scheduling.previewSeries": {
    input: async (f, actor) => ({ matchId: (await matchFor(f, actor)).matchId, start: week().from, frequency: "weekly", occurrences: 3 }),
    expect: pairReachesRule,
  },
  "scheduling.bookSeries": {
    input: async (f, actor) => ({ matchId: (await matchFor(f, actor)).matchId, start: week().from, frequency: "weekly", occurrences: 3 }),
    expect: pairReachesRule,
  },
  "scheduling.pending": { input: async (f, actor) => ({ matchId: (await matchFor(f, actor)).matchId }), expect: onlyParticipants },
  // Only the mentor proposes (and reaches "not active"); only the mentee answers (accepting reaches "not active").
  "scheduling.propose": {
    input: async (f, actor) => ({ matchId: (await matchFor(f, actor)).matchId, starts: [week().from], message: "" }),
    expect: { ...all("denied"), mentor: "CONFLICT" },
  },
  "scheduling.acceptProposal": {
    input: async (f, actor) => ({ proposalId: await proposalFor(f, actor), start: week().from }),
    expect: { ...all("denied"), mentee: "CONFLICT" },
  },
  "scheduling.declineProposal": {
    input: async (f, actor) => ({ proposalId: await proposalFor(f, actor) }),
    expect: { ...all("denied"), mentee: "ok" },
  },
};
