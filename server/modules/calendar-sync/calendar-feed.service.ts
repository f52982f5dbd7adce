/**
 * The private iCal subscription: one secret URL per person, read by calendar apps that cannot sign in. Only the
 * SHA-256 of the token is stored, so the full URL is shown once, when it is made; regenerating replaces the hash
 * and the old URL stops working at once.
 */
import { and, eq, gte, lte, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import { programs } from "../../../db/schema/programs";
import { calendarFeeds, sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import type { Clock } from "../../clock";
import { feedUrls, generateFeedToken, hashFeedToken, isWellFormedFeedToken, verifyFeedToken } from "../../integrations/calendar/feed-token";
import { buildFeed, type FeedEvent, sessionUid } from "../../integrations/calendar/ics";
import { audit } from "../auth/auth.service";
import type { FeedOutput, NewFeedOutput } from "./calendar-sync.schema";

export type FeedDeps = { db: Db; clock: Clock; publicUrl: string };

const DAY_MS = 24 * 3_600_000;
/** The window a subscribed calendar mirrors: recent history and the coming year. */
const FEED_DAYS_BACK = 60;
const FEED_DAYS_AHEAD = 365;
export const FEED_PATH = "/calendar/feed";

export async function feedOf(deps: FeedDeps, actor: SessionUser): Promise<FeedOutput> {
  const [row] = await deps.db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, actor.id));
  return { exists: Boolean(row), createdAt: row?.createdAt ?? null };
}

/** Makes the person's feed URL, replacing any earlier one (whose URL then stops working). */
export async function createFeed(deps: FeedDeps, actor: SessionUser): Promise<NewFeedOutput> {
  const token = generateFeedToken();
  const tokenHash = hashFeedToken(token).toString("hex");
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ userId: calendarFeeds.userId })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, actor.id))
      .for("update");
    await tx
      .insert(calendarFeeds)
      .values({ userId: actor.id, tokenHash, createdAt: now })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: now } });
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: before ? "calendar.feed_regenerated" : "calendar.feed_created",
      targetType: "user",
      targetId: actor.id,
    });
  });
  const urls = feedUrls(deps.publicUrl, token, FEED_PATH);
  return { url: urls.https, webcalUrl: urls.webcal, createdAt: now };
}

export async function deleteFeed(deps: FeedDeps, actor: SessionUser): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const gone = await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, actor.id)).returning({ userId: calendarFeeds.userId });
    if (gone.length > 0)
      await audit(tx, deps.clock, { actorId: actor.id, action: "calendar.feed_deleted", targetType: "user", targetId: actor.id });
  });
}

/** The .ics text for a presented token, or null when no feed has it (unknown, malformed or regenerated). */
export async function renderFeed(deps: FeedDeps, token: string): Promise<string | null> {
  if (!isWellFormedFeedToken(token)) return null;
  const presented = hashFeedToken(token);
  // A suspended account's feed answers like an unknown one: suspension cuts every way in, subscriptions too.
  const [feed] = await deps.db
    .select({ userId: calendarFeeds.userId, tokenHash: calendarFeeds.tokenHash })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, presented.toString("hex")), eq(users.status, "active")));
  if (!feed || !verifyFeedToken(token, Buffer.from(feed.tokenHash, "hex"))) return null;

  const now = deps.clock.now();
  const other = alias(sessionParticipants, "other");
  const otherUser = alias(users, "other_user");
  const rows = await deps.db
    .select({
      id: sessions.id,
      kind: sessions.kind,
      title: sessions.title,
      start: sessions.start,
      end: sessions.end,
      status: sessions.status,
      sequence: sessions.sequence,
      meetUrl: sessions.meetUrl,
      updatedAt: sessions.updatedAt,
      programName: programs.name,
      otherName: otherUser.name,
    })
    .from(sessionParticipants)
    .innerJoin(sessions, eq(sessions.id, sessionParticipants.sessionId))
    .innerJoin(programs, eq(programs.id, sessions.programId))
    // One-to-one sessions name the other person; group sessions carry their own title.
    .leftJoin(other, and(eq(other.sessionId, sessions.id), eq(sessions.kind, "one_to_one"), ne(other.userId, feed.userId)))
    .leftJoin(otherUser, eq(otherUser.id, other.userId))
    .where(
      and(
        eq(sessionParticipants.userId, feed.userId),
        gte(sessions.start, new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS)),
        lte(sessions.start, new Date(now.getTime() + FEED_DAYS_AHEAD * DAY_MS)),
      ),
    )
    .orderBy(sessions.start);

  const events: FeedEvent[] = rows.map((r) => {
    const link = `${deps.publicUrl}/calendar?date=${r.start.toISOString().slice(0, 10)}&session=${r.id}`;
    return {
      uid: sessionUid(r.id, deps.publicUrl),
      sequence: r.sequence,
      start: r.start,
      end: r.end,
      summary: r.kind === "group" ? r.title || "Group session" : `Mentoring session with ${r.otherName ?? "your partner"}`,
      description: `${r.programName}. Details: ${link}`,
      location: r.meetUrl || undefined,
      url: link,
      // buildFeed leaves cancelled sessions out, so subscribed calendars remove them (see ics.ts).
      status: r.status === "cancelled" ? "CANCELLED" : r.status === "requested" ? "TENTATIVE" : "CONFIRMED",
      updatedAt: r.updatedAt,
    };
  });
  return buildFeed({ name: "Mentoring sessions", events, stamp: now });
}
