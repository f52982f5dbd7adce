/**
 * Inputs of the request procedures, shared by the tRPC router and the client forms, and the shapes they return.
 */
import { z } from "zod";
import { requestStatuses } from "../../../db/schema/enums";

export const MESSAGE_MAX = 1000;
export const BROWSE_PAGE_SIZE = 10;

export const requestProgramInput = z.object({ programId: z.uuid() });
export type RequestProgramInput = z.infer<typeof requestProgramInput>;

export const browseMentorsInput = z.object({
  programId: z.uuid(),
  skill: z.string().trim().max(100, "Use at most 100 characters.").optional(),
  language: z.string().trim().max(50, "Use at most 50 characters.").optional(),
  minOverlapHours: z.number().min(0, "Use 0 or more hours.").max(168, "A week has 168 hours.").optional(),
  text: z.string().trim().max(100, "Use at most 100 characters.").optional(),
  page: z.number().int("Use a whole page number.").min(1).max(10_000).default(1),
});
export type BrowseMentorsInput = z.input<typeof browseMentorsInput>;

export const requestMentorInput = z.object({
  programId: z.uuid(),
  mentorId: z.uuid("Choose a mentor."),
  message: z
    .string()
    .trim()
    .max(MESSAGE_MAX, `Keep your message to ${MESSAGE_MAX.toLocaleString("en")} characters or fewer.`),
});
export type RequestMentorInput = z.infer<typeof requestMentorInput>;

export const requestIdInput = z.object({ requestId: z.uuid() });

export const declineRequestInput = z.object({
  requestId: z.uuid(),
  reason: z.string().trim().max(500, "Use at most 500 characters.").default(""),
});
export type DeclineRequestInput = z.input<typeof declineRequestInput>;

export const askInfoInput = z.object({
  requestId: z.uuid(),
  question: z.string().trim().min(1, "Write your question.").max(1000, "Use at most 1,000 characters."),
});
export type AskInfoInput = z.infer<typeof askInfoInput>;

export const answerInfoInput = z.object({
  requestId: z.uuid(),
  answer: z.string().trim().min(1, "Write your answer.").max(1000, "Use at most 1,000 characters."),
});
export type AnswerInfoInput = z.infer<typeof answerInfoInput>;

// Outputs

export const scoreOutput = z.object({
  total: z.number(),
  breakdown: z.array(z.object({ criterion: z.string(), weight: z.number(), raw: z.number(), points: z.number() })),
  reasons: z.array(z.string()),
});

export const mentorCardOutput = z.object({
  userId: z.string(),
  name: z.string(),
  photoUrl: z.string().nullable(),
  headline: z.string(),
  topics: z.array(z.string()),
  languages: z.array(z.string()),
  timezone: z.string(),
  capacity: z.number(),
  sparePlaces: z.number(),
  lastActiveAt: z.date().nullable(),
});
export type MentorCard = z.infer<typeof mentorCardOutput>;

export const suggestionOutput = z.object({
  mentor: mentorCardOutput,
  score: scoreOutput,
  /** The open request this mentee already has with the mentor, if any. */
  openRequestId: z.string().nullable(),
});

export const suggestionsOutput = z.object({
  /** open: choose and request; matched: already has a mentor; coordinator: the coordinator matches in this program. */
  state: z.enum(["open", "matched", "coordinator"]),
  match: z.object({ matchId: z.string(), mentorName: z.string() }).nullable(),
  openRequests: z.number(),
  openRequestLimit: z.number(),
  suggestions: z.array(suggestionOutput),
});
export type SuggestionsOutput = z.infer<typeof suggestionsOutput>;

export const browseOutput = z.object({
  items: z.array(
    suggestionOutput.extend({
      overlapHours: z.number(),
      /** Null when the mentee may request this mentor; otherwise why not. */
      unavailable: z.string().nullable(),
    }),
  ),
  page: z.number(),
  pageCount: z.number(),
  total: z.number(),
});

export const intakeOutput = z.object({
  skills: z.array(z.string()),
  goals: z.string(),
  preferredStyle: z.string(),
  availability: z.array(z.object({ weekday: z.number(), start: z.string(), end: z.string() })),
  communication: z.array(z.string()),
  urgency: z.string(),
});

export const menteeCardOutput = z.object({
  userId: z.string(),
  name: z.string(),
  photoUrl: z.string().nullable(),
  timezone: z.string(),
  languages: z.array(z.string()),
  background: z.string(),
  level: z.string().nullable(),
  intake: intakeOutput.nullable(),
});

export const requestEventOutput = z.object({
  kind: z.string(),
  actorName: z.string().nullable(),
  body: z.string(),
  createdAt: z.date(),
});

export const requestOutput = z.object({
  id: z.string(),
  programId: z.string(),
  status: z.enum(requestStatuses),
  message: z.string(),
  score: scoreOutput.nullable(),
  expiresAt: z.date().nullable(),
  respondedAt: z.date().nullable(),
  declineReason: z.string(),
  matchId: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  mentor: z.object({
    userId: z.string(),
    name: z.string(),
    photoUrl: z.string().nullable(),
    headline: z.string(),
    lastActiveAt: z.date().nullable(),
  }),
  mentee: menteeCardOutput,
  events: z.array(requestEventOutput),
});
export type RequestView = z.infer<typeof requestOutput>;

export const myRequestsOutput = z.object({
  items: z.array(requestOutput),
  openRequests: z.number(),
  openRequestLimit: z.number(),
});

export const transitionOutput = z.object({ id: z.string(), status: z.enum(requestStatuses), matchId: z.string().nullable() });
