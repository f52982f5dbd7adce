import { and, eq, inArray } from "drizzle-orm";
import { matches, matchRequests, type RequestStatus } from "../../../db/schema/matching";
import { programIntakes, programMemberships } from "../../../db/schema/programs";
import { type Actor, all, type Entry, type Fixtures, programAMembers } from "../authz";

const onlyMentee = { ...all("denied"), mentee: "ok" } as const;
const onlyMentor = { ...all("denied"), mentor: "ok" } as const;

/** A fresh person enrolled in program A (mentors are ready to be matched). */
async function member(f: Fixtures, role: "mentor" | "mentee"): Promise<string> {
  const user = await f.freshUser();
  await f.deps.db
    .insert(programMemberships)
    .values({ programId: f.programA, userId: user.id, role, status: "active", readyAt: role === "mentor" ? new Date() : null });
  return user.id;
}

/** A request row in program A, written directly so each actor's call starts from the same state. */
async function request(f: Fixtures, opts: { menteeId?: string; mentorId?: string; status?: RequestStatus }): Promise<string> {
  const [row] = await f.deps.db
    .insert(matchRequests)
    .values({
      programId: f.programA,
      menteeId: opts.menteeId ?? (await member(f, "mentee")),
      mentorId: opts.mentorId ?? (await member(f, "mentor")),
      status: opts.status ?? "pending",
      expiresAt: new Date(Date.now() + 72 * 3_600_000),
    })
    .returning({ id: matchRequests.id });
  return row!.id;
}

/**
 * The walk's mentee is shared with other modules' entries: clear their open requests and live matches in
 * program A so "the mentee may ask" is tested, not whatever earlier entries left behind.
 */
async function freeWalkMentee(f: Fixtures) {
  const menteeId = f.users.mentee.id;
  await f.deps.db
    .update(matchRequests)
    .set({ status: "withdrawn" })
    .where(
      and(
        eq(matchRequests.programId, f.programA),
        eq(matchRequests.menteeId, menteeId),
        inArray(matchRequests.status, ["pending", "needs_info"]),
      ),
    );
  await f.deps.db
    .update(matches)
    .set({ status: "ended" })
    .where(and(eq(matches.programId, f.programA), eq(matches.menteeId, menteeId), inArray(matches.status, ["active", "paused"])));
}

/** Room for one more mentee with the walk's mentor, whatever other entries matched to them. */
async function roomForWalkMentor(f: Fixtures) {
  await f.deps.db
    .insert(programIntakes)
    .values({ membershipId: f.mentorMembershipInA, capacity: 1000 })
    .onConflictDoUpdate({ target: programIntakes.membershipId, set: { capacity: 1000 } });
}

const forMentor = async (f: Fixtures, actor: Actor, status: "pending" | "needs_info" = "pending") => {
  if (actor === "mentor") await roomForWalkMentor(f);
  return { requestId: await request(f, { mentorId: f.users.mentor.id, status }) };
};
const forMentee = async (f: Fixtures, status: "pending" | "needs_info" = "pending") => {
  await freeWalkMentee(f);
  return { requestId: await request(f, { menteeId: f.users.mentee.id, status }) };
};

export const requestAuthz: Record<string, Entry> = {
  // Mentee-only reads and writes; platform admins pass the program check but are not mentees.
  "request.suggestions": { input: (f) => ({ programId: f.programA }), expect: onlyMentee },
  "request.browse": { input: (f) => ({ programId: f.programA, page: 1 }), expect: onlyMentee },
  "request.mine": { input: (f) => ({ programId: f.programA }), expect: onlyMentee },
  "request.create": {
    input: async (f) => {
      await freeWalkMentee(f);
      return { programId: f.programA, mentorId: await member(f, "mentor"), message: "Could you help me?" };
    },
    expect: onlyMentee,
  },
  "request.incoming": { input: (f) => ({ programId: f.programA }), expect: onlyMentor },
  // Either party, the program's coordinators and platform admins.
  "request.get": {
    input: async (f) => ({
      requestId: await request(f, { menteeId: f.users.mentee.id, mentorId: f.users.mentor.id, status: "withdrawn" }),
    }),
    expect: programAMembers,
  },
  // Only the request's mentor answers it; everyone else is told it does not exist.
  "request.accept": { input: (f, actor) => forMentor(f, actor), expect: onlyMentor },
  "request.decline": { input: async (f, actor) => ({ ...(await forMentor(f, actor)), reason: "Full this term" }), expect: onlyMentor },
  "request.askInfo": {
    input: async (f, actor) => ({ ...(await forMentor(f, actor)), question: "What is your goal?" }),
    expect: onlyMentor,
  },
  // Only the request's mentee answers a question or withdraws.
  "request.answer": { input: async (f) => ({ ...(await forMentee(f, "needs_info")), answer: "Backend work." }), expect: onlyMentee },
  "request.withdraw": { input: (f) => forMentee(f), expect: onlyMentee },
};
