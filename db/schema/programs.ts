import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { checklistSteps, joinModes, matchingModes, membershipStatuses, programTypes } from "./enums";
import { files, users } from "./users";

export type { ChecklistStep } from "./enums";
export { checklistSteps, joinModes, matchingModes, membershipStatuses, programTypes } from "./enums";

/** A document kind a mentor uploads (CV, certificate...); `required` ones gate the documents step. */
export type ChecklistDocument = { kind: string; label: string; required: boolean };
export type ProgramChecklist = {
  codeOfConduct: boolean;
  documents: ChecklistDocument[];
  trainingUrl: string | null;
  backgroundCheck: boolean;
};

export const programs = pgTable(
  "programs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    status: text("status", { enum: ["draft", "active", "archived"] })
      .notNull()
      .default("active"),
    /** Reminder schedule for events in this program: minutes before the event and the channels to use. */
    reminderOffsets: jsonb("reminder_offsets")
      .$type<{ minutesBefore: number; channels: ("email" | "sms" | "in_app")[] }[]>()
      .notNull()
      .default(
        sql`'[{"minutesBefore":2880,"channels":["email"]},{"minutesBefore":1440,"channels":["email","sms"]},{"minutesBefore":60,"channels":["sms"]},{"minutesBefore":15,"channels":["in_app"]}]'::jsonb`,
      ),
    type: text("type", { enum: programTypes }).notNull().default("one_to_one"),
    /** How people get in: anyone signed in, only with the invite link, or only with the invite code. */
    joinMode: text("join_mode", { enum: joinModes }).notNull().default("open"),
    /** Joining leaves the membership pending until a coordinator approves it. */
    requiresApproval: boolean("requires_approval").notNull().default(false),
    /** Secret token of the invite link (/join/<token>); regenerating it kills old links. */
    inviteToken: text("invite_token").notNull().default(sql`replace(gen_random_uuid()::text, '-', '')`),
    /** Short code typed on the join page (8 characters, no look-alikes). */
    inviteCode: text("invite_code").notNull().default(sql`upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 8))`),
    matchingMode: text("matching_mode", { enum: matchingModes }).notNull().default("mentee_choice"),
    /** Criterion weights, whole numbers adding up to 100 (checked by the service). */
    weights: jsonb("weights")
      .$type<{ skills: number; availability: number; communication: number; capacity: number }>()
      .notNull()
      .default(sql`'{"skills":60,"availability":20,"communication":10,"capacity":10}'::jsonb`),
    minScore: integer("min_score").notNull().default(0),
    suggestionCount: integer("suggestion_count").notNull().default(3),
    requestDeadlineHours: integer("request_deadline_hours").notNull().default(72),
    requestReminderHours: integer("request_reminder_hours").notNull().default(48),
    openRequestLimit: integer("open_request_limit").notNull().default(3),
    sessionMinutes: integer("session_minutes").notNull().default(60),
    sessionsPerMatch: integer("sessions_per_match").notNull().default(6),
    /** The program's own time zone (IANA): blackout dates are whole calendar days here. */
    timezone: text("timezone").notNull().default("UTC"),
    /** Calendar dates ("YYYY-MM-DD", program zone) when no session can be booked. */
    blackoutDates: jsonb("blackout_dates").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** "instant": a booked session is confirmed at once; "mentor_confirms": it waits as requested. */
    bookingConfirmation: text("booking_confirmation", { enum: ["instant", "mentor_confirms"] })
      .notNull()
      .default("instant"),
    /** A cancellation closer than this to the start is recorded as late. */
    cancelNoticeHours: integer("cancel_notice_hours").notNull().default(4),
    /** No-shows by one person in this program before the coordinators are alerted. */
    noShowThreshold: integer("no_show_threshold").notNull().default(2),
    startsOn: date("starts_on"),
    endsOn: date("ends_on"),
    /** Mentor checklist: which steps a mentor must finish before being matched. */
    checklist: jsonb("checklist")
      .$type<ProgramChecklist>()
      .notNull()
      .default(sql`'{"codeOfConduct":false,"documents":[],"trainingUrl":null,"backgroundCheck":false}'::jsonb`),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("programs_slug_unique").on(t.slug),
    uniqueIndex("programs_invite_token_unique").on(t.inviteToken),
    uniqueIndex("programs_invite_code_unique").on(t.inviteCode),
  ],
);

/** A person's role is per program: mentor in one, mentee in another, coordinator of a third. */
export const programMemberships = pgTable(
  "program_memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["mentor", "mentee", "coordinator"] }).notNull(),
    /** pending = waiting in the approval queue; declined = the coordinator said no (with decisionNote). */
    status: text("status", { enum: membershipStatuses }).notNull().default("active"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note").notNull().default(""),
    /**
     * Mentors only: set when every checklist step the program requires is approved (at once when it requires
     * none). A mentor is matched only when active and ready; a mentee only when active.
     */
    readyAt: timestamp("ready_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("program_memberships_unique").on(t.programId, t.userId, t.role), index("program_memberships_user").on(t.userId)],
);

/** Per-program intake answers, one row per membership (role-specific columns are left empty for the other role). */
export const programIntakes = pgTable("program_intakes", {
  membershipId: uuid("membership_id")
    .primaryKey()
    .references(() => programMemberships.id, { onDelete: "cascade" }),
  /** Mentee: skills wanted. Mentor: topics offered in this program. */
  skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
  goals: text("goals").notNull().default(""),
  preferredStyle: text("preferred_style").notNull().default(""),
  /** Weekly windows in the member's own time zone: [{ weekday 0-6, start "HH:MM", end "HH:MM" }]. */
  availability: jsonb("availability").$type<{ weekday: number; start: string; end: string }[]>().notNull().default(sql`'[]'::jsonb`),
  communication: text("communication").array().notNull().default(sql`'{}'::text[]`),
  urgency: text("urgency", { enum: ["low", "medium", "high"] })
    .notNull()
    .default("medium"),
  /** Mentor: how many mentees they take in this program. */
  capacity: integer("capacity").notNull().default(0),
  submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Versioned code-of-conduct text; mentors acknowledge one version. */
export const codeOfConductVersions = pgTable(
  "code_of_conduct_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programId: uuid("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("code_of_conduct_versions_unique").on(t.programId, t.version)],
);

/** One row per (mentor membership, checklist step). */
export const checklistProgress = pgTable(
  "checklist_progress",
  {
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => programMemberships.id, { onDelete: "cascade" }),
    step: text("step", { enum: checklistSteps }).notNull(),
    /** submitted = waiting for a coordinator; approved / rejected = reviewed (note says why). */
    status: text("status", { enum: ["todo", "submitted", "approved", "rejected"] })
      .notNull()
      .default("todo"),
    /** Code of conduct: the version acknowledged, and when (completedAt). */
    acknowledgedVersion: integer("acknowledged_version"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    note: text("note").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.membershipId, t.step] })],
);

/** Documents a mentor uploaded for the checklist; the bytes live in the FileStore behind files.id. */
export const membershipDocuments = pgTable(
  "membership_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    membershipId: uuid("membership_id")
      .notNull()
      .references(() => programMemberships.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    fileId: uuid("file_id")
      .notNull()
      .references(() => files.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("membership_documents_membership").on(t.membershipId)],
);
