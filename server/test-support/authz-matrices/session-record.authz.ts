import { sql } from "drizzle-orm";
import { matches } from "../../../db/schema/matching";
import { sessionActionItems, sessionParticipants, sessionResources, sessions } from "../../../db/schema/scheduling";
import { type Actor, all, type Entry, type Fixtures, signedIn } from "../authz";
import { enrol } from "../factories";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let counter = 0;

/** The session's two people read it, and program A's staff; other programs' people are told it does not exist. */
const readers = { ...all("denied"), mentee: "ok", mentor: "ok", coordinator: "ok", admin: "ok" } as const;
const participantsOnly = { ...all("denied"), mentee: "ok", mentor: "ok" } as const;

/**
 * A one-to-one session in program A with the walk's mentee or mentor in it when that actor calls (fresh people
 * otherwise). `when`: "past" (started and over, so it can be marked and completed) or "future" (a month ahead).
 * Participant rows are written inactive so the walk's people never hold time other modules' entries need.
 */
async function sessionFor(f: Fixtures, actor: Actor, when: "past" | "future" = "past") {
  const fresh = async (role: "mentor" | "mentee") => {
    const u = await f.freshUser();
    await enrol(f.deps.db, f.programA, u.id, role);
    return u.id;
  };
  const mentorId = actor === "mentor" ? f.users.mentor.id : await fresh("mentor");
  const menteeId = actor === "mentee" ? f.users.mentee.id : await fresh("mentee");
  const [m] = await f.deps.db
    .insert(matches)
    .values({ programId: f.programA, mentorId, menteeId, status: "completed", source: "manual" })
    .returning({ id: matches.id });
  const offset = ++counter * 3 * HOUR;
  const start = new Date(when === "past" ? Date.now() - 60 * DAY + offset : Date.now() + 45 * DAY + offset);
  const end = new Date(start.getTime() + HOUR);
  const [s] = await f.deps.db
    .insert(sessions)
    .values({ matchId: m!.id, programId: f.programA, start, end, status: "confirmed" })
    .returning({ id: sessions.id });
  const during = sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;
  await f.deps.db.insert(sessionParticipants).values([
    { sessionId: s!.id, userId: mentorId, role: "mentor", during, active: false },
    { sessionId: s!.id, userId: menteeId, role: "mentee", during, active: false },
  ]);
  const [row] = await f.deps.db.select({ updatedAt: sessions.updatedAt }).from(sessions).where(sql`${sessions.id} = ${s!.id}`);
  return { sessionId: s!.id, mentorId, menteeId, updatedAt: row!.updatedAt };
}

export const sessionRecordAuthz: Record<string, Entry> = {
  "sessionRecord.get": { input: async (f, a) => ({ sessionId: (await sessionFor(f, a)).sessionId }), expect: readers },
  // Staff read notes but never write them.
  "sessionRecord.saveAgenda": {
    input: async (f, a) => {
      const s = await sessionFor(f, a);
      return { sessionId: s.sessionId, agenda: "Goals", updatedAt: s.updatedAt };
    },
    expect: participantsOnly,
  },
  "sessionRecord.saveSharedNotes": {
    input: async (f, a) => {
      const s = await sessionFor(f, a);
      return { sessionId: s.sessionId, sharedNotes: "Notes", updatedAt: s.updatedAt };
    },
    expect: participantsOnly,
  },
  "sessionRecord.savePrivateNote": {
    input: async (f, a) => ({ sessionId: (await sessionFor(f, a)).sessionId, body: "Mine", updatedAt: null }),
    expect: participantsOnly,
  },
  "sessionRecord.addLink": {
    input: async (f, a) => ({ sessionId: (await sessionFor(f, a)).sessionId, title: "Guide", url: "https://example.org/guide" }),
    expect: participantsOnly,
  },
  // A link the session's mentor added: the mentor (its adder) and staff remove it; the mentee may not.
  "sessionRecord.removeResource": {
    input: async (f, a) => {
      const s = await sessionFor(f, a);
      const [r] = await f.deps.db
        .insert(sessionResources)
        .values({ sessionId: s.sessionId, kind: "link", title: "Guide", url: "https://example.org", addedBy: s.mentorId })
        .returning({ id: sessionResources.id });
      return { resourceId: r!.id };
    },
    expect: { ...all("denied"), mentor: "ok", coordinator: "ok", admin: "ok" },
  },
  "sessionRecord.addActionItem": {
    input: async (f, a) => {
      const s = await sessionFor(f, a);
      return { sessionId: s.sessionId, title: "Read the guide", ownerId: s.menteeId, dueOn: null };
    },
    expect: participantsOnly,
  },
  "sessionRecord.setActionItemDone": {
    input: async (f, a) => {
      const s = await sessionFor(f, a);
      const [i] = await f.deps.db
        .insert(sessionActionItems)
        .values({ sessionId: s.sessionId, title: "Read", ownerId: s.menteeId })
        .returning({ id: sessionActionItems.id });
      return { itemId: i!.id, done: true };
    },
    expect: participantsOnly,
  },
  // Everyone's own list (empty for most), filtered by the caller in the WHERE clause.
  "sessionRecord.myActionItems": { expect: signedIn() },
  // A month ahead: the two people reach "check-in opens at..."; staff do not check in.
  "sessionRecord.checkIn": {
    input: async (f, a) => ({ sessionId: (await sessionFor(f, a, "future")).sessionId }),
    expect: { ...all("denied"), mentee: "CONFLICT", mentor: "CONFLICT" },
  },
  // The mentor marks the mentee; the mentee may mark the mentor only as a no-show; staff mark anyone.
  "sessionRecord.markAttendance": {
    input: async (f, a) => {
      const s = await sessionFor(f, a);
      return a === "mentee"
        ? { sessionId: s.sessionId, userId: s.mentorId, attendance: "no_show" }
        : { sessionId: s.sessionId, userId: s.menteeId, attendance: "attended" };
    },
    expect: readers,
  },
  "sessionRecord.complete": { input: async (f, a) => ({ sessionId: (await sessionFor(f, a)).sessionId }), expect: readers },
};
