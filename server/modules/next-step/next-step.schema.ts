import { z } from "zod";

/** Home asks for every program; the program page for its own (a program the caller is not in gives nothing). */
export const myNextStepsInput = z.object({ programId: z.uuid().optional() });
export type MyNextStepsInput = z.infer<typeof myNextStepsInput>;

const person = z.object({ id: z.string(), name: z.string() });

/** Which program and which of the caller's roles in it the step is for (someone can mentor and be mentored). */
const base = {
  programId: z.string(),
  programName: z.string(),
  role: z.enum(["mentor", "mentee"]),
};

/** The program's coordinators: who to ask when a match is paused or over, or while they do the matching. */
const coordinators = z.array(person);

/**
 * The one next step for a person in one program and role, worked out on the server so Home and the program page
 * always agree. The client words each kind and links it to the page where it is done.
 */
export const nextStepOutput = z.discriminatedUnion("kind", [
  /** Joined, waiting for a coordinator to approve the membership. */
  z.object({ kind: z.literal("membership_pending"), ...base }),
  /** Not onboarded: a mentee without an intake, a mentor without an intake or with checklist steps left. */
  z.object({
    kind: z.literal("finish_onboarding"),
    ...base,
    intakeDone: z.boolean(),
    checklistDone: z.boolean(),
    /** A mentor's checklist is all submitted and waits for a coordinator's review (nothing for them to do there). */
    checklistInReview: z.boolean(),
  }),
  /** Mentee-choice program, onboarded, no match and no open request. */
  z.object({ kind: z.literal("find_mentor"), ...base }),
  /** Coordinator-reviewed or cohort program, onboarded, no match yet: nothing to do but wait. */
  z.object({ kind: z.literal("coordinator_matching"), ...base, coordinators }),
  /** The mentee's open request: waiting for the mentor's answer (pending) or for the mentee's (needs_info). */
  z.object({
    kind: z.literal("request_open"),
    ...base,
    requestId: z.string(),
    status: z.enum(["pending", "needs_info"]),
    mentor: person,
    expiresAt: z.date().nullable(),
    /** More open requests to other mentors, besides this one (the one whose answer is due first). */
    otherOpenRequests: z.number().int(),
  }),
  /** Matched and active, nothing booked ahead: the mentee books. */
  z.object({ kind: z.literal("book_session"), ...base, matchId: z.string(), partner: person }),
  /** Matched and active, nothing booked ahead: the mentor proposes times, or first sets bookable hours. */
  z.object({ kind: z.literal("propose_times"), ...base, matchId: z.string(), partner: person, hasAvailability: z.boolean() }),
  /** The next session booked for the match (or the soonest across a mentor's matches). */
  z.object({
    kind: z.literal("upcoming_session"),
    ...base,
    matchId: z.string(),
    partner: person,
    session: z.object({ id: z.string(), start: z.date(), end: z.date(), status: z.enum(["requested", "confirmed"]) }),
  }),
  /** The live match is paused: no booking until a coordinator resumes it. */
  z.object({ kind: z.literal("match_paused"), ...base, matchId: z.string(), partner: person, coordinators }),
  /** The last match ended (or was completed) and nothing replaced it. */
  z.object({
    kind: z.literal("match_ended"),
    ...base,
    partner: person,
    status: z.enum(["completed", "ended"]),
    endedAt: z.date().nullable(),
    /** Mentee-choice programs let the mentee ask another mentor straight away. */
    canRequest: z.boolean(),
    coordinators,
  }),
  /** Requests waiting for the mentor's answer, with the first deadline. */
  z.object({ kind: z.literal("answer_requests"), ...base, count: z.number().int(), firstExpiresAt: z.date().nullable() }),
  /** A ready mentor with no mentee yet: requests (or the coordinator's match) will come. */
  z.object({ kind: z.literal("await_mentees"), ...base, isMenteeChoice: z.boolean() }),
]);
export type NextStep = z.infer<typeof nextStepOutput>;

export const myNextStepsOutput = z.array(nextStepOutput);
