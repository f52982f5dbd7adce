import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { neverPairRules } from "../../../db/schema/matching";
import { programMemberships } from "../../../db/schema/programs";
import { createMatch } from "../../modules/match/match-core.service";
import { notifyDepsOf } from "../../modules/notification/outbox.service";
import { all, type Entry, type Fixtures, programAMembers, programAStaff } from "../authz";
import { enrol } from "../factories";

/**
 * A fresh ready mentor and a fresh mentee in program A for each call, so the walk's own mentor and mentee stay
 * unmatched (other modules' entries rely on that) and every call finds the state it needs.
 */
async function freshPair(f: Fixtures) {
  const mentor = await f.freshUser();
  const mentee = await f.freshUser();
  const m = await enrol(f.deps.db, f.programA, mentor.id, "mentor");
  await f.deps.db.update(programMemberships).set({ readyAt: new Date() }).where(eq(programMemberships.id, m.id));
  await enrol(f.deps.db, f.programA, mentee.id, "mentee");
  return { mentorId: mentor.id, menteeId: mentee.id };
}

async function freshMatch(f: Fixtures) {
  const pair = await freshPair(f);
  const { matchId } = await f.deps.db.transaction((tx) =>
    createMatch(tx, notifyDepsOf(f.deps), {
      programId: f.programA,
      programName: "Program A",
      ...pair,
      source: "manual",
      score: null,
      actorId: null,
    }),
  );
  return { matchId, ...pair };
}

const staffOnly = programAStaff;
// A made-up suggestion id: staff reach the rule "not in this program", everyone else is refused first.
const staffGetValidation = { ...all("denied"), coordinator: "VALIDATION", admin: "VALIDATION" } as const;
// Program A uses request mode, so staff reach "switch to reviewed matching first".
const staffGetConflict = { ...all("denied"), coordinator: "CONFLICT", admin: "CONFLICT" } as const;

export const matchAuthz: Record<string, Entry> = {
  "match.board": { input: (f) => ({ programId: f.programA }), expect: staffOnly },
  "match.suggestions": { input: (f) => ({ programId: f.programA }), expect: staffOnly },
  "match.generateSuggestions": { input: (f) => ({ programId: f.programA }), expect: staffGetConflict },
  "match.decideSuggestions": {
    input: (f) => ({ programId: f.programA, ids: [randomUUID()], decision: "reject" }),
    expect: staffGetValidation,
  },
  "match.previewPair": { input: async (f) => ({ programId: f.programA, ...(await freshPair(f)) }), expect: staffOnly },
  "match.createManual": { input: async (f) => ({ programId: f.programA, ...(await freshPair(f)) }), expect: staffOnly },
  "match.neverPairs": { input: (f) => ({ programId: f.programA }), expect: staffOnly },
  "match.addNeverPair": {
    input: async (f) => ({ programId: f.programA, ...(await freshPair(f)), reason: "Walk rule" }),
    expect: staffOnly,
  },
  "match.removeNeverPair": {
    input: async (f) => {
      const pair = await freshPair(f);
      const [rule] = await f.deps.db
        .insert(neverPairRules)
        .values({ programId: f.programA, ...pair, reason: "Walk rule" })
        .returning({ id: neverPairRules.id });
      return { programId: f.programA, ruleId: rule?.id };
    },
    expect: staffOnly,
  },
  "match.audit": { input: (f) => ({ programId: f.programA }), expect: staffOnly },
  // A match of two other people: its participants are tested in match tests; strangers get NOT_FOUND.
  "match.get": { input: async (f) => ({ matchId: (await freshMatch(f)).matchId }), expect: staffOnly },
  "match.mine": { input: (f) => ({ programId: f.programA }), expect: programAMembers },
  "match.changeStatus": {
    input: async (f) => ({ matchId: (await freshMatch(f)).matchId, to: "paused", reason: "Walk pause" }),
    expect: staffOnly,
  },
  "match.rematch": {
    input: async (f) => {
      const { matchId } = await freshMatch(f);
      const { mentorId } = await freshPair(f);
      return { matchId, mentorId, reason: "Walk rematch" };
    },
    expect: staffOnly,
  },
};
