/**
 * A person's connected Google Calendar: saved by the consent callback, read by the sync worker and the slot
 * finder, marked broken when Google refuses the token, and removed on disconnect. Tokens are sealed with the
 * calendar token vault and bound to the owner's id; they never leave the server.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { calendarConnections, calendarSyncJobs, sessionCalendarEvents } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import type { Clock } from "../../clock";
import type { CalendarConnection, CalendarProvider } from "../../integrations/calendar/calendar-provider";
import type { CalendarGrant } from "../../integrations/calendar/google-calendar-consent";
import type { CalendarTokenVault } from "../../integrations/calendar/token-vault";
import type { Logger } from "../../logger";
import { audit } from "../auth/auth.service";
import type { CalendarStatusOutput } from "./calendar-sync.schema";
import { queueUpcomingSessions } from "./calendar-sync-queue";

export type ConnectionDeps = { db: Db; clock: Clock; calendar: CalendarProvider; calendarTokens: CalendarTokenVault; logger: Logger };

export async function calendarStatus(deps: ConnectionDeps, actor: SessionUser): Promise<CalendarStatusOutput> {
  const [row] = await deps.db
    .select({ status: calendarConnections.status, email: calendarConnections.accountEmail, connectedAt: calendarConnections.connectedAt })
    .from(calendarConnections)
    .where(eq(calendarConnections.userId, actor.id));
  return {
    provider: deps.calendar.mode === "real" ? "google" : "dev",
    state: row ? row.status : "not_connected",
    accountEmail: row?.email ?? null,
    connectedAt: row?.connectedAt ?? null,
  };
}

/** Stores (or replaces, on reconnect) the person's grant, sealed, and queues their upcoming hosted sessions. */
export async function saveConnection(deps: ConnectionDeps, userId: string, grant: CalendarGrant, accountEmail: string) {
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const values = {
      accountEmail,
      refreshTokenEnc: await deps.calendarTokens.seal(grant.refreshToken, userId, tx),
      accessTokenEnc: await deps.calendarTokens.seal(grant.accessToken, userId, tx),
      accessTokenExpiresAt: grant.accessTokenExpiresAt ?? null,
      scopes: grant.scopes.join(" "),
      status: "connected" as const,
      connectedAt: now,
      updatedAt: now,
    };
    await tx
      .insert(calendarConnections)
      .values({ userId, provider: "google", ...values })
      .onConflictDoUpdate({ target: calendarConnections.userId, set: values });
    await audit(tx, deps.clock, { actorId: userId, action: "calendar.connected", targetType: "user", targetId: userId });
    await queueUpcomingSessions(tx, deps.clock, userId);
  });
}

/**
 * Without Google configured, "Connect" still works end to end: the dev calendar provider gets a made-up grant and
 * records what would have been sent. No Google account is involved.
 */
export async function connectDevCalendar(deps: ConnectionDeps, userId: string) {
  const [me] = await deps.db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  const token = `dev-${randomBytes(16).toString("hex")}`;
  await saveConnection(
    deps,
    userId,
    { refreshToken: token, accessToken: token, accessTokenExpiresAt: undefined, scopes: [] },
    me?.email ?? "",
  );
}

/** The usable (not broken) connections of these people, decrypted; a row that no longer decrypts counts as broken. */
export async function liveConnections(deps: ConnectionDeps, userIds: string[], on: DbOrTx = deps.db): Promise<CalendarConnection[]> {
  if (userIds.length === 0) return [];
  const rows = await on
    .select()
    .from(calendarConnections)
    .where(and(inArray(calendarConnections.userId, userIds), eq(calendarConnections.status, "connected")));
  const out: CalendarConnection[] = [];
  for (const r of rows) {
    try {
      out.push({
        userId: r.userId,
        refreshToken: await deps.calendarTokens.open(r.refreshTokenEnc, r.userId, on),
        accessToken: r.accessTokenEnc ? await deps.calendarTokens.open(r.accessTokenEnc, r.userId, on) : undefined,
        accessTokenExpiresAt: r.accessTokenExpiresAt ?? undefined,
      });
    } catch (err) {
      // APP_SECRET changed: the stored token is unreadable, and the person has to connect again.
      deps.logger.warn({ err: String(err), userId: r.userId }, "calendar token unreadable; marking the connection broken");
      await markBroken(deps, r.userId, on);
    }
  }
  return out;
}

/** Google refused the grant: the person sees "Reconnect"; pending sync jobs wait for the new grant. */
export async function markBroken(deps: Pick<ConnectionDeps, "clock">, userId: string, on: DbOrTx) {
  await on.update(calendarConnections).set({ status: "broken", updatedAt: deps.clock.now() }).where(eq(calendarConnections.userId, userId));
}

/** Revokes the grant at Google (best effort) and deletes the tokens and pending sync work. */
export async function disconnectCalendar(deps: ConnectionDeps, actor: SessionUser): Promise<void> {
  const [row] = await deps.db.select().from(calendarConnections).where(eq(calendarConnections.userId, actor.id));
  if (!row) return;
  try {
    const refreshToken = await deps.calendarTokens.open(row.refreshTokenEnc, actor.id);
    await deps.calendar.disconnect({ userId: actor.id, refreshToken });
  } catch (err) {
    // The person asked us to forget the grant: that happens even when Google cannot be told right now.
    deps.logger.warn({ err: String(err), userId: actor.id }, "revoking the Google Calendar grant failed; deleting it anyway");
  }
  await deps.db.transaction(async (tx) => {
    await tx.delete(calendarConnections).where(eq(calendarConnections.userId, actor.id));
    await tx.delete(calendarSyncJobs).where(and(eq(calendarSyncJobs.userId, actor.id), isNull(calendarSyncJobs.doneAt)));
    // The events stay in their Google Calendar; a later reconnect finds them again by their fixed event ids.
    await tx.delete(sessionCalendarEvents).where(eq(sessionCalendarEvents.userId, actor.id));
    await audit(tx, deps.clock, { actorId: actor.id, action: "calendar.disconnected", targetType: "user", targetId: actor.id });
  });
}
