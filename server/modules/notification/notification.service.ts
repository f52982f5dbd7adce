import { and, desc, eq, isNull, lt, lte, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { type Channel, channels, notificationPreferences, notifications } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import type { Signer } from "../../auth/signing";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import type { Realtime } from "../../realtime/realtime";
import { catalogue, isNotificationType, notificationTypes } from "./catalogue";
import { defaultTemplates } from "./default-templates";
import type { listNotificationsInput } from "./notification.schema";
import { unreadCount } from "./outbox.service";

type Deps = { db: Db; clock: Clock; realtime: Realtime };

export const notificationItem = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

export async function listNotifications(deps: Deps, userId: string, input: z.output<typeof listNotificationsInput>) {
  const now = deps.clock.now();
  const rows = await deps.db
    .select({
      id: notifications.id,
      type: notifications.type,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      readAt: notifications.readAt,
      createdAt: notifications.visibleAt,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.inApp, true),
        lte(notifications.visibleAt, now),
        input.unreadOnly ? isNull(notifications.readAt) : undefined,
        input.before
          ? or(
              lt(notifications.visibleAt, input.before.createdAt),
              and(eq(notifications.visibleAt, input.before.createdAt), lt(notifications.id, input.before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(notifications.visibleAt), desc(notifications.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null };
}

export async function markRead(deps: Deps, userId: string, id: string) {
  return deps.db.transaction(async (tx) => {
    // The user id in the WHERE is the ownership check: another person's id simply matches nothing.
    await tx
      .update(notifications)
      .set({ readAt: deps.clock.now() })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
    const unread = await unreadCount(tx, userId, deps.clock.now());
    await deps.realtime.toUser(tx, userId, "notification:count", { unread });
    return { unread };
  });
}

export async function markAllRead(deps: Deps, userId: string) {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), lte(notifications.visibleAt, now)));
    const unread = await unreadCount(tx, userId, now);
    await deps.realtime.toUser(tx, userId, "notification:count", { unread });
    return { unread };
  });
}

// ---- preferences ----

export const preferenceRow = z.object({
  type: z.string(),
  label: z.string(),
  description: z.string(),
  mandatory: z.boolean(),
  channels: z.array(
    z.object({
      channel: z.enum(channels),
      /** The type sends on this channel at all. */
      offered: z.boolean(),
      enabled: z.boolean(),
      locked: z.boolean(),
      isDefault: z.boolean(),
    }),
  ),
});

/** Types a person can see in the matrix (internal test messages are hidden). */
const visibleTypes = notificationTypes.filter((t) => t !== "system.test");

export async function preferenceMatrix(db: Db, userId: string) {
  const rows = await db
    .select({ type: notificationPreferences.type, channel: notificationPreferences.channel, enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return visibleTypes.map((type) => {
    const def = catalogue[type];
    return {
      type,
      label: def.label,
      description: def.description,
      mandatory: def.mandatory,
      channels: channels.map((channel: Channel) => {
        const offered = defaultTemplates[type][channel] !== undefined;
        const saved = rows.find((r) => r.type === type && r.channel === channel);
        const enabled = offered && (def.mandatory ? def.defaults[channel] : (saved?.enabled ?? def.defaults[channel]));
        return { channel, offered, enabled, locked: !offered || def.mandatory, isDefault: saved === undefined };
      }),
    };
  });
}

export async function setPreference(db: Db, userId: string, type: string, channel: Channel, enabled: boolean) {
  if (!isNotificationType(type) || type === "system.test") throw AppError.field("type", "Unknown notification type.");
  const def = catalogue[type];
  if (def.mandatory)
    throw AppError.field("type", `${def.label} messages are required for your account's security and cannot be switched off.`);
  if (defaultTemplates[type][channel] === undefined)
    throw AppError.field("channel", `${def.label} is not sent by ${channel === "in_app" ? "in-app notification" : channel}.`);
  await db
    .insert(notificationPreferences)
    .values({ userId, type, channel, enabled })
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.type, notificationPreferences.channel],
      set: { enabled },
    });
}

/** One-click unsubscribe from a signed link: no sign-in, switches one type's email off. */
export async function unsubscribe(deps: { db: Db; signer: Signer }, token: string) {
  const claim = await deps.signer.verify<{ u: string; t: string; c: Channel }>(token);
  if (!claim || typeof claim.u !== "string" || !isNotificationType(claim.t) || !channels.includes(claim.c)) {
    throw AppError.field("token", "This unsubscribe link is invalid.");
  }
  const [u] = await deps.db.select({ id: users.id }).from(users).where(eq(users.id, claim.u));
  if (!u) throw AppError.field("token", "This unsubscribe link is invalid.");
  await setPreference(deps.db, claim.u, claim.t, claim.c, false);
  return { typeLabel: catalogue[claim.t].label, channel: claim.c };
}

export async function setQuietHours(db: Db, userId: string, start: string, end: string) {
  await db.update(users).set({ quietHoursStart: start, quietHoursEnd: end }).where(eq(users.id, userId));
}

export async function getQuietHours(db: Db, userId: string) {
  const [u] = await db.select({ start: users.quietHoursStart, end: users.quietHoursEnd }).from(users).where(eq(users.id, userId));
  return { start: u?.start ?? "21:00", end: u?.end ?? "08:00" };
}
