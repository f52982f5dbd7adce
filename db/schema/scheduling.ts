import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { proposalStatuses, seriesFrequencies, sessionKinds, sessionStatuses } from "./enums";
import type { DateOverride, MinimumNotice, WeeklyWindow } from "./jsonb-shapes";
import { matches } from "./matching";
import { programs } from "./programs";
import { users } from "./users";

export type { SeriesFrequency, SessionKind, SessionStatus } from "./enums";
export { liveSessionStatuses, proposalStatuses, seriesFrequencies, sessionKinds, sessionStatuses } from "./enums";

/** A PostgreSQL tstzrange, read and written as its text form ("[2026-03-09 14:00:00+00,2026-03-09 15:00:00+00)"). */
export const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => "tstzrange" });

/**
 * A mentor's booking rules, in the mentor's own time zone (users.timezone). One row per mentor, shared by every
 * program they mentor in; no row means no bookable time yet.
 */
export const mentorAvailability = pgTable("mentor_availability", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  weekly: jsonb("weekly").$type<WeeklyWindow[]>().notNull().default(sql`'[]'::jsonb`),
  overrides: jsonb("overrides").$type<DateOverride[]>().notNull().default(sql`'[]'::jsonb`),
  bufferBeforeMinutes: integer("buffer_before_minutes").notNull().default(0),
  bufferAfterMinutes: integer("buffer_after_minutes").notNull().default(0),
  minimumNotice: jsonb("minimum_notice").$type<MinimumNotice>().notNull().default(sql`'{"kind":"hours","hours":0}'::jsonb`),
  maxPerDay: integer("max_per_day"),
  maxPerWeek: integer("max_per_week"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A recurring series: the sessions booked together for a match (each session is its own row with series_id). */
export const sessionSeries = pgTable("session_series", {
  id: uuid("id").primaryKey().defaultRandom(),
  matchId: uuid("match_id")
    .notNull()
    .references(() => matches.id, { onDelete: "cascade" }),
  frequency: text("frequency", { enum: seriesFrequencies }).notNull(),
  /** Occurrences asked for (some may have been refused as conflicts and reported). */
  occurrences: integer("occurrences").notNull(),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A session. "one_to_one": a match's session, its mentor and mentee are the participants. "group": office hours
 * or a group session a mentor hosts in a program, with `capacity` seats; each seat taken is a participant row
 * (role "mentee"), the host is the "mentor" participant. Instants in UTC; `sequence` grows with every change
 * (for calendar invites).
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: sessionKinds }).notNull().default("one_to_one"),
    /** Set for one_to_one sessions; null for group sessions. */
    matchId: uuid("match_id").references(() => matches.id, { onDelete: "cascade" }),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    /** Group sessions: the title people see ("Office hours: CV reviews"). */
    title: text("title").notNull().default(""),
    /** Group sessions: seats for attendees (the host not counted). */
    capacity: integer("capacity"),
    seriesId: uuid("series_id").references(() => sessionSeries.id, { onDelete: "set null" }),
    start: timestamp("starts_at", { withTimezone: true }).notNull(),
    end: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: sessionStatuses }).notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    cancelReason: text("cancel_reason").notNull().default(""),
    cancelledBy: uuid("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** Cancelled within the program's cancellation notice before the start. */
    lateCancellation: boolean("late_cancellation").notNull().default(false),
    sequence: integer("sequence").notNull().default(0),
    /** The session record: what the participants plan to talk about, and notes every participant reads and edits. */
    agenda: text("agenda").notNull().default(""),
    sharedNotes: text("shared_notes").notNull().default(""),
    /** The video link (Google Meet when the organizer connected Google Calendar). */
    meetUrl: text("meet_url").notNull().default(""),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    completedBy: uuid("completed_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sessions_match").on(t.matchId, t.start),
    index("sessions_program_start").on(t.programId, t.start),
    check("sessions_end_after_start", sql`${t.end} > ${t.start}`),
    check(
      "sessions_kind_shape",
      sql`(${t.kind} = 'one_to_one' and ${t.matchId} is not null) or (${t.kind} = 'group' and ${t.capacity} is not null and ${t.capacity} > 0)`,
    ),
  ],
);

/**
 * Who takes part in a session, with the session's time range and liveness copied in so one EXCLUDE constraint
 * (migration 0006) refuses two overlapping live sessions for any person, whichever role they hold. The
 * scheduling service writes `during` and `active` in the same transaction as every change to the session.
 */
export const sessionParticipants = pgTable(
  "session_participants",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["mentor", "mentee"] }).notNull(),
    during: tstzrange("during").notNull(),
    active: boolean("active").notNull().default(true),
    /** Check-in opens 10 minutes before the start. */
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    /** Set when the session is marked: attended, or a no-show (which counts as a strike for the person). */
    attendance: text("attendance", { enum: ["attended", "no_show"] }),
    attendanceMarkedBy: uuid("attendance_marked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index("session_participants_user").on(t.userId)],
);

/**
 * Other times a mentor proposes to a mentee (instead of a requested session, or for a new one). Proposed times
 * hold nothing: the mentee's pick is checked like any booking and then confirmed at once.
 */
export const sessionProposals = pgTable(
  "session_proposals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    matchId: uuid("match_id")
      .notNull()
      .references(() => matches.id, { onDelete: "cascade" }),
    /** The requested session these times replace; null for a fresh proposal. */
    sessionId: uuid("session_id").references(() => sessions.id, { onDelete: "cascade" }),
    proposedBy: uuid("proposed_by").references(() => users.id, { onDelete: "set null" }),
    /** ISO instants (UTC), at most a handful. */
    starts: jsonb("starts").$type<string[]>().notNull(),
    message: text("message").notNull().default(""),
    status: text("status", { enum: proposalStatuses }).notNull().default("open"),
    acceptedSessionId: uuid("accepted_session_id").references(() => sessions.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("session_proposals_match").on(t.matchId, t.status)],
);

/** Notes only their author reads. */
export const sessionPrivateNotes = pgTable(
  "session_private_notes",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

/** Links and files shared in a session (files' bytes in the FileStore under `file_key`). */
export const sessionResources = pgTable(
  "session_resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["link", "file"] }).notNull(),
    title: text("title").notNull(),
    url: text("url").notNull().default(""),
    fileKey: text("file_key"),
    contentType: text("content_type"),
    byteSize: integer("byte_size"),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("session_resources_session").on(t.sessionId, t.createdAt)],
);

/** Action items agreed in a session: an owner, an optional due date, done or not. */
export const sessionActionItems = pgTable(
  "session_action_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    dueOn: date("due_on"),
    doneAt: timestamp("done_at", { withTimezone: true }),
    doneBy: uuid("done_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("session_action_items_session").on(t.sessionId, t.createdAt), index("session_action_items_owner").on(t.ownerId)],
);

/**
 * Facts other features consume later, written in the transaction of the change ("session.completed" feeds the
 * feedback work). Append-only; a consumer keeps its own position by id.
 */
export const domainEvents = pgTable(
  "domain_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("domain_events_type").on(t.type, t.createdAt)],
);

/** A person's private iCal subscription: only the SHA-256 (hex) of the secret token is stored. */
export const calendarFeeds = pgTable("calendar_feeds", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A person's Google Calendar, connected by incremental consent. Tokens are encrypted (token-crypto.ts). */
export const calendarConnections = pgTable("calendar_connections", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  provider: text("provider", { enum: ["google"] })
    .notNull()
    .default("google"),
  accountEmail: text("account_email").notNull().default(""),
  refreshTokenEnc: text("refresh_token_enc").notNull(),
  accessTokenEnc: text("access_token_enc"),
  accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
  scopes: text("scopes").notNull().default(""),
  /** "broken": Google refused the token (consent withdrawn); the person must reconnect. */
  status: text("status", { enum: ["connected", "broken"] })
    .notNull()
    .default("connected"),
  connectedAt: timestamp("connected_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The Google event created for a session in one person's calendar. */
export const sessionCalendarEvents = pgTable(
  "session_calendar_events",
  {
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull(),
    /** The session sequence last written to Google. */
    syncedSequence: integer("synced_sequence").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

/**
 * Work for the worker: bring a person's Google Calendar in line with a session (create, update or delete, decided
 * from the session's state when the job runs, so jobs are idempotent). At most one pending job per pair.
 */
export const calendarSyncJobs = pgTable(
  "calendar_sync_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error").notNull().default(""),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("calendar_sync_jobs_pending").on(t.sessionId, t.userId).where(sql`${t.doneAt} is null`),
    index("calendar_sync_jobs_due").on(t.runAfter).where(sql`${t.doneAt} is null`),
  ],
);
