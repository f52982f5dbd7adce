import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { rangeLiteral } from "../../modules/scheduling/session-rows.service";
import { type Actor, all, type Entry, type Fixtures, programAMembers, programAStaff } from "../authz";
import { enrol } from "../factories";

const HOUR = 3_600_000;
/** Far ahead of every other module's walk sessions, each at its own time so the walk's people never overlap. */
let slot = 0;
const nextStart = () => new Date(Date.now() + 300 * 24 * HOUR + ++slot * 3 * HOUR);

/** Its host and program A's staff; other members are refused, outsiders are told it does not exist. */
const hostAndStaff = { ...programAStaff, mentor: "ok" } as const;
const seatTakers = { ...all("denied"), mentee: "ok", mentor: "ok" } as const;

/**
 * Office hours in program A: hosted by the walk's mentor when `hostedByActor` and the mentor calls, else by a
 * fresh mentor; the calling mentee or mentor holds a seat when `seated`.
 */
async function officeHoursFor(f: Fixtures, actor: Actor, opts: { hostedByActor?: boolean; seated?: boolean } = {}) {
  let hostId: string;
  if (opts.hostedByActor && actor === "mentor") hostId = f.users.mentor.id;
  else {
    const u = await f.freshUser();
    await enrol(f.deps.db, f.programA, u.id, "mentor");
    hostId = u.id;
  }
  const start = nextStart();
  const end = new Date(start.getTime() + HOUR);
  const [s] = await f.deps.db
    .insert(sessions)
    .values({ kind: "group", programId: f.programA, title: "Walk office hours", capacity: 5, start, end, status: "confirmed" })
    .returning({ id: sessions.id });
  const during = rangeLiteral(start, end);
  await f.deps.db.insert(sessionParticipants).values({ sessionId: s!.id, userId: hostId, role: "mentor", during });
  if (opts.seated && (actor === "mentee" || actor === "mentor")) {
    await f.deps.db.insert(sessionParticipants).values({ sessionId: s!.id, userId: f.users[actor].id, role: "mentee", during });
  }
  return s!.id;
}

export const officeHoursAuthz: Record<string, Entry> = {
  "officeHours.list": { input: (f) => ({ programId: f.programA }), expect: programAMembers },
  // Active mentors and staff host; a mentee and other programs' people are refused.
  "officeHours.host": {
    input: (f) => ({ programId: f.programA, title: "Walk office hours", start: nextStart().toISOString(), capacity: 3 }),
    expect: hostAndStaff,
  },
  "officeHours.edit": {
    input: async (f, actor) => ({
      sessionId: await officeHoursFor(f, actor, { hostedByActor: true }),
      title: "Renamed",
      capacity: 4,
      description: "",
    }),
    expect: hostAndStaff,
  },
  "officeHours.move": {
    input: async (f, actor) => ({
      sessionId: await officeHoursFor(f, actor, { hostedByActor: true }),
      start: nextStart().toISOString(),
      reason: "Walk test",
    }),
    expect: hostAndStaff,
  },
  "officeHours.cancel": {
    input: async (f, actor) => ({ sessionId: await officeHoursFor(f, actor, { hostedByActor: true }), reason: "Walk test" }),
    expect: hostAndStaff,
  },
  // Seats are for the program's mentees and mentors; staff are refused, outsiders told it does not exist.
  "officeHours.takeSeat": { input: async (f, actor) => ({ sessionId: await officeHoursFor(f, actor) }), expect: seatTakers },
  "officeHours.leave": {
    input: async (f, actor) => ({ sessionId: await officeHoursFor(f, actor, { seated: true }) }),
    expect: seatTakers,
  },
};
