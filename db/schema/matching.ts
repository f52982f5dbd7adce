import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cohortRunStatuses, matchSources, matchStatuses, requestStatuses } from "./enums";
import { programs } from "./programs";
import { users } from "./users";

export type { MatchStatus, RequestStatus } from "./enums";
export { cohortRunStatuses, matchSources, matchStatuses, requestStatuses } from "./enums";

/** The score as shown to people: total, per-criterion points and up to three plain reasons. */
export type ScoreSnapshot = {
  total: number;
  breakdown: { criterion: string; weight: number; raw: number; points: number }[];
  reasons: string[];
};

/**
 * A mentor-mentee pair in a program. A mentee has at most one live (active or paused) match per program: the
 * partial unique index is the last line of defence when two mentors accept the same mentee at the same moment.
 */
export const matches = pgTable(
  "matches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    menteeId: uuid("mentee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: matchStatuses }).notNull().default("active"),
    source: text("source", { enum: matchSources }).notNull(),
    score: jsonb("score").$type<ScoreSnapshot>(),
    /** Set when a coordinator matched a mentor who was already at capacity. */
    capacityOverrideReason: text("capacity_override_reason"),
    /** The match this one replaces (rematch). */
    replacesMatchId: uuid("replaces_match_id"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("matches_one_live_per_mentee").on(t.programId, t.menteeId).where(sql`status in ('active', 'paused')`),
    index("matches_program_mentor").on(t.programId, t.mentorId),
    index("matches_mentee").on(t.menteeId),
  ],
);

/** Match history: every status change with who, when and why. */
export const matchEvents = pgTable(
  "match_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    matchId: uuid("match_id")
      .notNull()
      .references(() => matches.id, { onDelete: "cascade" }),
    fromStatus: text("from_status", { enum: matchStatuses }),
    toStatus: text("to_status", { enum: matchStatuses }).notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("match_events_match").on(t.matchId, t.createdAt)],
);

/** A mentee asking a mentor. Open = pending or needs_info; one open request per (program, mentee, mentor). */
export const matchRequests = pgTable(
  "match_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    menteeId: uuid("mentee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: requestStatuses }).notNull().default("pending"),
    message: text("message").notNull().default(""),
    score: jsonb("score").$type<ScoreSnapshot>(),
    /** The mentor's answer deadline; the clock stops while the mentor waits for more information. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    declineReason: text("decline_reason").notNull().default(""),
    matchId: uuid("match_id").references(() => matches.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("match_requests_one_open_per_pair").on(t.programId, t.menteeId, t.mentorId).where(sql`status in ('pending', 'needs_info')`),
    index("match_requests_mentor").on(t.mentorId, t.status),
    index("match_requests_mentee").on(t.menteeId, t.status),
    index("match_requests_due").on(t.expiresAt).where(sql`status = 'pending'`),
  ],
);

/** The request's thread: created, asked for information, answered, accepted... with the text of each step. */
export const matchRequestEvents = pgTable(
  "match_request_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => matchRequests.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["created", "asked", "answered", "accepted", "declined", "expired", "withdrawn", "reminded"] }).notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("match_request_events_request").on(t.requestId, t.createdAt)],
);

/** Coordinator-reviewed mode: the system proposes a mentor for a mentee; a coordinator approves (match) or rejects. */
export const matchSuggestions = pgTable(
  "match_suggestions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    menteeId: uuid("mentee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    score: jsonb("score").$type<ScoreSnapshot>().notNull(),
    status: text("status", { enum: ["proposed", "approved", "rejected"] })
      .notNull()
      .default("proposed"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("match_suggestions_one_proposed_per_pair").on(t.programId, t.menteeId, t.mentorId).where(sql`status = 'proposed'`),
    index("match_suggestions_program").on(t.programId, t.status),
  ],
);

/** Coordinator rule: these two people are never suggested or matched in this program. */
export const neverPairRules = pgTable(
  "never_pair_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    mentorId: uuid("mentor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    menteeId: uuid("mentee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("never_pair_rules_unique").on(t.programId, t.mentorId, t.menteeId)],
);

/**
 * A cohort matching run. The worker claims queued runs (SKIP LOCKED + lease), writes progress as it goes and
 * stores the preview in `result`; publishing turns the preview's pairs into matches in one transaction.
 */
export const cohortRuns = pgTable(
  "cohort_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    mode: text("mode", { enum: ["max-score", "stable"] }).notNull(),
    status: text("status", { enum: cohortRunStatuses }).notNull().default("queued"),
    /** 0-100 while running. */
    progress: integer("progress").notNull().default(0),
    locked: jsonb("locked").$type<{ mentorId: string; menteeId: string }[]>().notNull().default(sql`'[]'::jsonb`),
    excluded: jsonb("excluded").$type<{ mentorId: string; menteeId: string }[]>().notNull().default(sql`'[]'::jsonb`),
    /** The preview: pairs with scores and reasons, unmatched with reasons, stats, mentor load. */
    result: jsonb("result").$type<Record<string, unknown>>(),
    error: text("error"),
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [index("cohort_runs_program").on(t.programId, t.createdAt), index("cohort_runs_queue").on(t.status, t.createdAt)],
);
