import { z } from "zod";
import { cohortRunStatuses } from "../../../db/schema/enums";

export const cohortModes = ["max-score", "stable"] as const;
export type CohortModeName = (typeof cohortModes)[number];

/** One (mentor, mentee) pair by user id, for locks and exclusions. */
export const pairRef = z.object({
  mentorId: z.uuid("Not a valid mentor id."),
  menteeId: z.uuid("Not a valid mentee id."),
});
export type PairRefInput = z.infer<typeof pairRef>;

export const startCohortInput = z.object({
  programId: z.uuid("Not a valid program id."),
  mode: z.enum(cohortModes, "Choose max-score or stable."),
  locked: z.array(pairRef).max(10_000, "Lock at most 10,000 pairs.").default([]),
  excluded: z.array(pairRef).max(10_000, "Exclude at most 10,000 pairs.").default([]),
});
export type StartCohortInput = z.input<typeof startCohortInput>;
export type StartCohortData = z.output<typeof startCohortInput>;

export const listCohortRunsInput = z.object({ programId: z.uuid("Not a valid program id.") });
export const cohortRunIdInput = z.object({ runId: z.uuid("Not a valid run id.") });

const criterionScore = z.object({ criterion: z.string(), weight: z.number(), raw: z.number(), points: z.number() });

/** The dry-run preview a finished run stores in cohort_runs.result and cohort.get returns. */
export const cohortPreview = z.object({
  pairs: z.array(
    z.object({
      mentorId: z.string(),
      mentorName: z.string(),
      menteeId: z.string(),
      menteeName: z.string(),
      score: z.number(),
      breakdown: z.array(criterionScore),
      reasons: z.array(z.string()),
      isLocked: z.boolean(),
    }),
  ),
  unmatched: z.array(z.object({ menteeId: z.string(), menteeName: z.string(), reason: z.string(), message: z.string() })),
  totalScore: z.number(),
  averageScore: z.number().nullable(),
  lowestScore: z.number().nullable(),
  blockingPairs: z.number(),
  mentorLoad: z.array(
    z.object({
      mentorId: z.string(),
      mentorName: z.string(),
      capacity: z.number(),
      activeMatches: z.number(),
      assigned: z.number(),
      spareAfter: z.number(),
    }),
  ),
  /** Max-score runs: the optimality certificate was checked (primal equals a feasible dual). Null for stable runs. */
  certificate: z
    .object({
      isVerified: z.boolean(),
      primal: z.number(),
      dual: z.number(),
      rounds: z.number(),
      candidatePairs: z.number(),
      allowedPairs: z.number(),
    })
    .nullable(),
  /** Mentees and mentors the run saw (unmatched mentees without a live match; ready mentors). */
  poolSize: z.object({ mentees: z.number(), mentors: z.number() }),
  solveMs: z.number(),
});
export type CohortPreview = z.infer<typeof cohortPreview>;

export const cohortRunSummary = z.object({
  id: z.string(),
  programId: z.string(),
  mode: z.enum(cohortModes),
  status: z.enum(cohortRunStatuses),
  progress: z.number(),
  lockedCount: z.number(),
  excludedCount: z.number(),
  pairCount: z.number().nullable(),
  averageScore: z.number().nullable(),
  error: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
});
export type CohortRunSummary = z.infer<typeof cohortRunSummary>;

export const cohortRunDetail = cohortRunSummary.extend({
  locked: z.array(pairRef),
  excluded: z.array(pairRef),
  preview: cohortPreview.nullable(),
});
export type CohortRunDetail = z.infer<typeof cohortRunDetail>;
