import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { users } from "./users";

export { type Channel, channels } from "./channels";

/** One row per event a person should know about; it is also the in-app item in the bell. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    data: jsonb("data").notNull().default(sql`'{}'::jsonb`),
    programId: uuid("program_id"),
    /** False for events that only go out by email/SMS (e.g. a password reset); the bell lists in-app ones. */
    inApp: boolean("in_app").notNull().default(true),
    /** The bell shows a notification from this instant (a 15-minute reminder is written days ahead). */
    visibleAt: timestamp("visible_at", { withTimezone: true }).notNull().defaultNow(),
    /** Stops the same logical event notifying twice (e.g. a retried request). */
    dedupeKey: text("dedupe_key"),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The bell's query: a member's notifications newest visible first, paged by (visible_at, id).
    index("notifications_user_visible").on(t.userId, t.visibleAt.desc(), t.id.desc()),
    uniqueIndex("notifications_dedupe").on(t.userId, t.dedupeKey),
  ],
);

/**
 * The outbox: one row per (notification, channel) to deliver. Written in the same transaction as the change
 * that caused it; the worker claims due rows with FOR UPDATE SKIP LOCKED and a lease.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    notificationId: uuid("notification_id").references(() => notifications.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: channels }).notNull(),
    /** Channel-specific message: { to, subject, text, html } for email, { to, body } for SMS. */
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed", "dead", "cancelled"] })
      .notNull()
      .default("pending"),
    idempotencyKey: text("idempotency_key").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    leasedBy: text("leased_by"),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    /** The provider's own delivery state (Twilio: queued, sent, delivered, undelivered, failed). */
    providerStatus: text("provider_status"),
    /**
     * Set (and committed) just before an SMS goes to the provider, cleared when its answer is recorded. A row that
     * still has it when it is claimed again sent something whose outcome we never learnt (a crash, a lost answer):
     * the worker asks the provider before sending again.
     */
    sendAttemptedAt: timestamp("send_attempted_at", { withTimezone: true }),
    type: text("type").notNull().default(""),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("deliveries_idempotency").on(t.idempotencyKey),
    index("deliveries_due").on(t.status, t.dueAt),
    index("deliveries_provider_id").on(t.providerMessageId),
    index("deliveries_created").on(t.createdAt),
  ],
);

/**
 * Twilio webhooks already acted on. Twilio's signature has no timestamp or nonce, so a captured request stays valid
 * forever: the row, inserted in the same transaction as the webhook's effect, makes a replay a no-op. An inbound text
 * is one row per MessageSid (status ""); a status callback is one row per (MessageSid, status), because one message
 * legitimately reports queued, sent and delivered under the same SID.
 */
export const twilioWebhookReceipts = pgTable(
  "twilio_webhook_receipts",
  {
    kind: text("kind", { enum: ["inbound", "status"] }).notNull(),
    messageSid: text("message_sid").notNull(),
    status: text("status").notNull().default(""),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.messageSid, t.status] })],
);

/** Per type x channel opt-in/out (used by the notifications issue; defaults live in the type catalogue). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    channel: text("channel", { enum: channels }).notNull(),
    enabled: boolean("enabled").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.type, t.channel] })],
);

/** Messages captured by the dev mailer / dev SMS sender when no provider is configured; shown in the app. */
export const devMessages = pgTable(
  "dev_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull().default(""),
    text: text("text").notNull().default(""),
    html: text("html"),
    messageId: text("message_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("dev_messages_message_id").on(t.messageId), index("dev_messages_to").on(t.to)],
);

/** Last success / failure per integration, for the integrations health page. */
export const integrationStatus = pgTable("integration_status", {
  name: text("name").primaryKey(),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
  lastError: text("last_error"),
});

/**
 * Admin-edited message templates. `scope` is "platform" for platform defaults or the program id for a program's
 * override; the code's built-in text is used when no row exists.
 */
export const notificationTemplates = pgTable(
  "notification_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scope: text("scope").notNull(),
    type: text("type").notNull(),
    channel: text("channel", { enum: channels }).notNull(),
    /** Email subject or in-app title; unused for SMS. */
    subject: text("subject").notNull().default(""),
    /** Email text part, SMS text or in-app body. */
    body: text("body").notNull(),
    /** Email HTML part; empty means "derived from the text part". */
    html: text("html").notNull().default(""),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("notification_templates_unique").on(t.scope, t.type, t.channel)],
);
