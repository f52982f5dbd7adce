import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea, citext } from "./columns";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: citext("email").notNull(),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    passwordHash: text("password_hash"),
    googleSub: text("google_sub"),
    name: text("name").notNull(),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    status: text("status", { enum: ["active", "suspended"] })
      .notNull()
      .default("active"),
    bio: text("bio").notNull().default(""),
    timezone: text("timezone").notNull().default("UTC"),
    phone: text("phone"),
    /** Set when the member typed back the SMS code; cleared when the number changes. */
    phoneVerifiedAt: timestamp("phone_verified_at", { withTimezone: true }),
    /** STOP by SMS sets this; START clears it. Twilio refuses to send to opted-out numbers anyway (21610). */
    smsOptedOutAt: timestamp("sms_opted_out_at", { withTimezone: true }),
    /** Quiet hours for non-urgent SMS, in the member's own time zone, as "HH:MM". */
    quietHoursStart: text("quiet_hours_start").notNull().default("21:00"),
    quietHoursEnd: text("quiet_hours_end").notNull().default("08:00"),
    languages: text("languages").array().notNull().default(sql`'{}'::text[]`),
    photoFileId: uuid("photo_file_id"),
    /** Set when the first-sign-in wizard is finished. */
    onboardedAt: timestamp("onboarded_at", { withTimezone: true }),
    lastActiveAt: timestamp("last_active_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_google_sub_unique").on(t.googleSub),
    index("users_name_trgm").using("gin", sql`${t.name} gin_trgm_ops`),
  ],
);

export const mentorProfiles = pgTable("mentor_profiles", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  headline: text("headline").notNull().default(""),
  expertise: text("expertise").array().notNull().default(sql`'{}'::text[]`),
  yearsExperience: integer("years_experience").notNull().default(0),
  mentoringStyles: text("mentoring_styles").array().notNull().default(sql`'{}'::text[]`),
  defaultCapacity: integer("default_capacity").notNull().default(2),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const menteeProfiles = pgTable("mentee_profiles", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  background: text("background").notNull().default(""),
  interests: text("interests").array().notNull().default(sql`'{}'::text[]`),
  level: text("level", { enum: ["student", "early_career", "mid_career", "senior", "career_change"] })
    .notNull()
    .default("student"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const menteeGoals = pgTable(
  "mentee_goals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    priority: text("priority", { enum: ["low", "medium", "high"] })
      .notNull()
      .default("medium"),
    targetDate: date("target_date"),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mentee_goals_user").on(t.userId)],
);

/** Lucia-guide sessions: the client holds "<id>.<secret>", only sha256(secret) is stored. */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    secretHash: bytea("secret_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastVerifiedAt: timestamp("last_verified_at", { withTimezone: true }).notNull().defaultNow(),
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("auth_sessions_user").on(t.userId)],
);

/** Single-use tokens mailed to the user (email verification, password reset); hashed at rest. */
export const emailTokens = pgTable(
  "email_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["verify_email", "reset_password"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("email_tokens_hash").on(t.tokenHash), index("email_tokens_user").on(t.userId)],
);

/** A pending SMS verification code (hashed), one per user. */
export const phoneVerifications = pgTable("phone_verifications", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  phone: text("phone").notNull(),
  codeHash: text("code_hash").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  attempts: integer("attempts").notNull().default(0),
});

/** Instance-wide settings shared by every server process (e.g. the generated signing secret). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** Fixed-window counters shared by every server instance (sign-in, sign-up, reset throttling). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  resetAt: timestamp("reset_at", { withTimezone: true }).notNull(),
});

export const files = pgTable("files", {
  id: uuid("id").primaryKey().defaultRandom(),
  ownerId: uuid("owner_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  purpose: text("purpose", { enum: ["photo", "document"] }).notNull(),
  /** Original file name for downloads (documents); photos have none. */
  filename: text("filename").notNull().default(""),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  storageKey: text("storage_key").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    detail: text("detail").notNull().default(""),
    ip: text("ip"),
    /** Set for changes inside a program, so its coordinators can read their own program's log. */
    programId: uuid("program_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_created").on(t.createdAt), index("audit_log_program").on(t.programId, t.createdAt)],
);
