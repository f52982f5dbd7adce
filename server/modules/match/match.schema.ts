/**
 * Inputs of the coordinator board, manual matching, never-pair rules, match status changes and match pages.
 * The client forms import these same schemas, so both sides speak the same field paths.
 */
import { z } from "zod";
import { matchStatuses } from "../../../db/schema/enums";

/** Free text people type; a NUL byte would be refused by PostgreSQL, so it is a validation error here. */
const text = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((s) => !s.includes("\u0000"), "Remove the invisible control characters.");

const reasonText = text(1000, "Use at most 1,000 characters.");

export const programIdInput = z.object({ programId: z.uuid("Not a valid program id.") });
export const matchIdInput = z.object({ matchId: z.uuid("Not a valid match id.") });

export const decideSuggestionsInput = z.object({
  programId: z.uuid("Not a valid program id."),
  ids: z.array(z.uuid("Not a valid suggestion id.")).min(1, "Choose at least one suggestion.").max(500, "Decide at most 500 at once."),
  decision: z.enum(["approve", "reject"]),
  note: text(500, "Use at most 500 characters.").default(""),
});
export type DecideSuggestionsInput = z.input<typeof decideSuggestionsInput>;

export const pairInput = z.object({
  programId: z.uuid("Not a valid program id."),
  mentorId: z.uuid("Choose a mentor."),
  menteeId: z.uuid("Choose a mentee."),
});
export type PairInput = z.input<typeof pairInput>;

export const createManualInput = pairInput.extend({
  /** Needed only when the mentor is at capacity; recorded on the match and in the audit log. */
  capacityOverrideReason: text(500, "Use at most 500 characters.").optional(),
  reason: text(500, "Use at most 500 characters.").optional(),
});
export type CreateManualInput = z.input<typeof createManualInput>;

export const addNeverPairInput = pairInput.extend({
  reason: text(500, "Use at most 500 characters.").pipe(z.string().min(1, "Say why these two should never be paired.")),
});
export type AddNeverPairInput = z.input<typeof addNeverPairInput>;

export const removeNeverPairInput = z.object({ programId: z.uuid("Not a valid program id."), ruleId: z.uuid("Not a valid rule id.") });

/** Where a match can go from where it is; "active" from "paused" is resuming. */
export const allowedTransitions: Record<(typeof matchStatuses)[number], readonly (typeof matchStatuses)[number][]> = {
  active: ["paused", "completed", "ended"],
  paused: ["active", "completed", "ended"],
  completed: [],
  ended: [],
};
/** Pausing and ending need a reason the other person is told; completing and resuming may give one. */
export const statusesNeedingReason = ["paused", "ended"] as const;

export const changeStatusInput = z
  .object({
    matchId: z.uuid("Not a valid match id."),
    to: z.enum(matchStatuses),
    reason: reasonText.default(""),
  })
  .superRefine((v, ctx) => {
    if ((statusesNeedingReason as readonly string[]).includes(v.to) && v.reason.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: v.to === "paused" ? "Say why the match is paused." : "Say why the match ends.",
      });
    }
  });
export type ChangeStatusInput = z.input<typeof changeStatusInput>;

export const rematchInput = z.object({
  matchId: z.uuid("Not a valid match id."),
  mentorId: z.uuid("Choose the new mentor."),
  reason: reasonText.pipe(z.string().min(1, "Say why the mentee gets a new mentor.")),
  capacityOverrideReason: text(500, "Use at most 500 characters.").optional(),
});
export type RematchInput = z.input<typeof rematchInput>;

export const auditInput = z.object({
  programId: z.uuid("Not a valid program id."),
  action: text(60, "Use at most 60 characters.").optional(),
  /** A kind of change from the log's `kinds` ("session", "match"): every action of that kind. */
  kind: z
    .string()
    .regex(/^[a-z_]{1,40}$/, "Choose a kind of change from the list.")
    .optional(),
  page: z.number().int().min(1).max(100000).default(1),
  pageSize: z.number().int().min(5).max(100).default(20),
});
export type AuditInput = z.input<typeof auditInput>;
