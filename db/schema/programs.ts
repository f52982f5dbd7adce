import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("programs_slug_unique").on(t.slug)],
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
    status: text("status", { enum: ["pending", "active", "removed"] })
      .notNull()
      .default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("program_memberships_unique").on(t.programId, t.userId, t.role), index("program_memberships_user").on(t.userId)],
);
