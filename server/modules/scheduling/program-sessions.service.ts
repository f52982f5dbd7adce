/**
 * Every session of a program for its staff (the router lets only the program's coordinators and platform admins
 * in): a calendar's visible range with filters, and the counts behind the summary line. Read-only.
 */
import { and, asc, count, desc, eq, gt, ilike, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { type Db, escapeLike } from "../../../db/client";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type {
  ProgramSessionOutput,
  ProgramSessionsListInput,
  ProgramSessionsRangeInput,
  ProgramSessionsSummaryOutput,
} from "./program-sessions.schema";
import { assertRange } from "./scheduling.service";

type Deps = { db: Db };

/** Sessions of the program overlapping [from, to). */
function inRange(input: ProgramSessionsRangeInput): SQL {
  const from = new Date(input.from);
  const to = new Date(input.to);
  assertRange(from, to);
  return and(eq(sessions.programId, input.programId), lt(sessions.start, to), gt(sessions.end, from))!;
}

/** Someone taking part whose name or email contains the text, or a group session titled with it. */
function matchingSearch(search: string): SQL {
  const pattern = `%${escapeLike(search)}%`;
  const person = sql`exists (select 1 from ${sessionParticipants} sp join ${users} u on u.id = sp.user_id
    where sp.session_id = ${sessions.id} and (u.name ilike ${pattern} or u.email ilike ${pattern}))`;
  return or(person, ilike(sessions.title, pattern))!;
}

export async function listProgramSessions(deps: Deps, input: ProgramSessionsListInput): Promise<ProgramSessionOutput[]> {
  const rows = await deps.db
    .select({
      id: sessions.id,
      kind: sessions.kind,
      matchId: sessions.matchId,
      start: sessions.start,
      end: sessions.end,
      status: sessions.status,
      title: sessions.title,
      capacity: sessions.capacity,
      cancelReason: sessions.cancelReason,
      lateCancellation: sessions.lateCancellation,
    })
    .from(sessions)
    .where(
      and(
        inRange(input),
        input.status ? eq(sessions.status, input.status) : undefined,
        input.kind ? eq(sessions.kind, input.kind) : undefined,
        input.lateOnly ? eq(sessions.lateCancellation, true) : undefined,
        input.search ? matchingSearch(input.search) : undefined,
      ),
    )
    .orderBy(asc(sessions.start), asc(sessions.id));
  if (rows.length === 0) return [];

  const people = await deps.db
    .select({
      sessionId: sessionParticipants.sessionId,
      id: users.id,
      name: users.name,
      role: sessionParticipants.role,
      active: sessionParticipants.active,
      attendance: sessionParticipants.attendance,
    })
    .from(sessionParticipants)
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .where(
      inArray(
        sessionParticipants.sessionId,
        rows.map((r) => r.id),
      ),
    )
    // "mentor" sorts after "mentee": descending puts the mentor (or host) first.
    .orderBy(desc(sessionParticipants.role), asc(users.name));
  const bySession = new Map<string, typeof people>();
  for (const p of people) bySession.set(p.sessionId, [...(bySession.get(p.sessionId) ?? []), p]);

  return rows.map((r) => {
    const isLive = r.status === "requested" || r.status === "confirmed";
    // A live session's released seats are not attendees any more; a finished one keeps everyone it had.
    const taking = (bySession.get(r.id) ?? []).filter((p) => p.active || !isLive);
    const mentor = taking.find((p) => p.role === "mentor");
    const mentee = r.kind === "one_to_one" ? taking.find((p) => p.role === "mentee") : undefined;
    return {
      ...r,
      seatsTaken: r.kind === "group" ? taking.filter((p) => p.role === "mentee" && p.active).length : 0,
      mentor: mentor ? { id: mentor.id, name: mentor.name } : null,
      mentee: mentee ? { id: mentee.id, name: mentee.name } : null,
      participants: taking.map((p) => ({ id: p.id, name: p.name, role: p.role, attendance: p.attendance })),
    };
  });
}

export async function summariseProgramSessions(deps: Deps, input: ProgramSessionsRangeInput): Promise<ProgramSessionsSummaryOutput> {
  const where = inRange(input);
  const byStatus = await deps.db
    .select({ status: sessions.status, late: sessions.lateCancellation, n: count() })
    .from(sessions)
    .where(where)
    .groupBy(sessions.status, sessions.lateCancellation);
  const [absent] = await deps.db
    .select({ n: count() })
    .from(sessionParticipants)
    .innerJoin(sessions, eq(sessions.id, sessionParticipants.sessionId))
    .where(and(where, eq(sessionParticipants.attendance, "no_show")));
  const total = (keep: (r: (typeof byStatus)[number]) => boolean) => byStatus.filter(keep).reduce((s, r) => s + Number(r.n), 0);
  return {
    confirmed: total((r) => r.status === "confirmed"),
    requested: total((r) => r.status === "requested"),
    completed: total((r) => r.status === "completed"),
    cancelled: total((r) => r.status === "cancelled"),
    lateCancellations: total((r) => r.late),
    noShows: Number(absent?.n ?? 0),
  };
}
