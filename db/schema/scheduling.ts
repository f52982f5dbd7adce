import { sql } from "drizzle-orm";
import { boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { WeeklyWindow } from "../../server/modules/matching/availability";
import type { DateOverride, MinimumNotice } from "../../server/modules/scheduling/availability-rules";
import { matches } from "./matching";
import { programs } from "./programs";
import { users } from "./users";

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

export const sessionStatuses = ["requested", "confirmed", "cancelled", "completed", "no_show"] as const;
export type SessionStatus = (typeof sessionStatuses)[number];
/** Statuses that hold the time: only these are `active` in session_participants. */
export const liveSessionStatuses = ["requested", "confirmed"] as const satisfies readonly SessionStatus[];

/** A mentoring session of a match. Instants in UTC; `sequence` grows with every change (for calendar invites). */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    matchId: uuid("match_id")
      .notNull()
      .references(() => matches.id, { onDelete: "cascade" }),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_match").on(t.matchId, t.start), check("sessions_end_after_start", sql`${t.end} > ${t.start}`)],
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
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index("session_participants_user").on(t.userId)],
);
