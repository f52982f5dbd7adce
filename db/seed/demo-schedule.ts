/**
 * The demo's schedule, so every screen has something in it on the first start: each demo mentor's bookable weekly
 * hours, one match per mentor with a mentee whose intake windows overlap them, two completed sessions before the
 * seed time and two confirmed ones after it. Times are placed from the injected clock in the mentor's own zone.
 */
import { and, eq, inArray } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import { type DbOrTx, pgErrorCode } from "../client";
import { matchEvents, matches } from "../schema/matching";
import { mentorAvailability, sessionActionItems, sessionParticipants, sessions } from "../schema/scheduling";
import { auditLog, users } from "../schema/users";

type Window = { weekday: number; start: string; end: string };

/**
 * Bookable hours per mentor (their own zone): the intake windows plus a daytime block, chosen so that each
 * seeded pair's meeting time and the unmatched mentees' windows (Grace Kim with Amara on Tuesdays) have free slots.
 */
export const demoMentorHours: Record<string, Window[]> = {
  "amara.mentor@demo.mentoring.local": [
    { weekday: 1, start: "15:00", end: "21:00" },
    { weekday: 2, start: "09:00", end: "17:00" },
    { weekday: 3, start: "18:00", end: "21:00" },
    { weekday: 4, start: "09:00", end: "17:00" },
    { weekday: 6, start: "09:00", end: "12:00" },
  ],
  "bruno.mentor@demo.mentoring.local": [
    { weekday: 2, start: "12:00", end: "17:00" },
    { weekday: 4, start: "12:00", end: "17:00" },
  ],
  "chen.mentor@demo.mentoring.local": [
    { weekday: 1, start: "20:00", end: "22:00" },
    { weekday: 3, start: "19:00", end: "22:00" },
    { weekday: 6, start: "15:00", end: "18:00" },
  ],
  "dana.mentor@demo.mentoring.local": [
    { weekday: 1, start: "12:00", end: "16:00" },
    { weekday: 2, start: "17:00", end: "19:00" },
    { weekday: 4, start: "17:00", end: "19:00" },
    { weekday: 5, start: "08:00", end: "10:00" },
  ],
  "elena.mentor@demo.mentoring.local": [
    { weekday: 1, start: "09:00", end: "11:00" },
    { weekday: 2, start: "10:00", end: "15:00" },
    { weekday: 3, start: "16:00", end: "18:00" },
  ],
  "farid.mentor@demo.mentoring.local": [
    { weekday: 0, start: "10:00", end: "13:00" },
    { weekday: 3, start: "19:00", end: "21:00" },
    { weekday: 4, start: "18:00", end: "21:00" },
  ],
};

/** The seeded pairs and when they meet (weekday and start in the mentor's zone, inside both people's windows). */
export const demoPairs: { mentor: string; mentee: string; weekday: number; at: string }[] = [
  { mentor: "amara.mentor@demo.mentoring.local", mentee: "omar.mentee@demo.mentoring.local", weekday: 1, at: "17:00" },
  { mentor: "bruno.mentor@demo.mentoring.local", mentee: "hugo.mentee@demo.mentoring.local", weekday: 2, at: "14:00" },
  { mentor: "chen.mentor@demo.mentoring.local", mentee: "nadia.mentee@demo.mentoring.local", weekday: 1, at: "20:00" },
  { mentor: "dana.mentor@demo.mentoring.local", mentee: "jonas.mentee@demo.mentoring.local", weekday: 2, at: "17:00" },
  { mentor: "elena.mentor@demo.mentoring.local", mentee: "lena.mentee@demo.mentoring.local", weekday: 1, at: "09:00" },
  { mentor: "farid.mentor@demo.mentoring.local", mentee: "kofi.mentee@demo.mentoring.local", weekday: 3, at: "19:30" },
];

const DAY_MS = 86_400_000;

/**
 * The pair's meeting instants: the two latest at least a day before `now` and the two first at least a day after
 * it (clear of any minimum notice), a week apart, at the same wall time in `timeZone`.
 */
export function meetingTimes(now: Date, timeZone: string, weekday: number, at: string): { past: Date[]; upcoming: Date[] } {
  const [hour, minute] = at.split(":").map(Number) as [number, number];
  const ahead = Temporal.Instant.fromEpochMilliseconds(now.getTime() + DAY_MS).toZonedDateTimeISO(timeZone);
  // Temporal weekdays run 1 (Monday) to 7 (Sunday); ours 0 (Sunday) to 6.
  const shift = (((weekday === 0 ? 7 : weekday) - ahead.dayOfWeek + 7) % 7) as number;
  let first = ahead
    .toPlainDate()
    .add({ days: shift })
    .toZonedDateTime({ timeZone, plainTime: new Temporal.PlainTime(hour, minute) });
  if (first.epochMilliseconds < now.getTime() + DAY_MS) first = first.add({ weeks: 1 });
  const at_ = (weeks: number) => new Date(first.add({ weeks }).epochMilliseconds);
  // The week before the first upcoming one may still lie ahead (today, later): then the past ones start a week earlier.
  const back = at_(-1).getTime() <= now.getTime() - DAY_MS ? 0 : 1;
  return { past: [at_(-2 - back), at_(-1 - back)], upcoming: [at_(0), at_(1)] };
}

const pastNotes = [
  {
    agenda: "Introductions, what you want from the next six months.",
    sharedNotes: "Agreed on a goal for the program and to meet weekly.",
    action: "Write down three things to learn by the end of the month",
  },
  {
    agenda: "Review the plan and the first piece of work.",
    sharedNotes: "Good progress; next time we look at feedback from a practice interview.",
    action: "Book a practice interview",
  },
];

/**
 * Weekly hours for every demo mentor without bookable times yet, and each demo pair's match with its sessions.
 * Idempotent: a mentor who saved hours keeps them, and a pair that already has a match (live or not) is left alone.
 */
export async function seedDemoSchedule(
  tx: DbOrTx,
  input: { programId: string; coordinatorId: string; sessionMinutes: number; now: Date },
): Promise<{ matches: number; sessions: number }> {
  const { programId, coordinatorId, sessionMinutes, now } = input;
  const emails = [...new Set(demoPairs.flatMap((p) => [p.mentor, p.mentee]).concat(Object.keys(demoMentorHours)))];
  const people = await tx
    .select({ id: users.id, email: users.email, name: users.name, timezone: users.timezone })
    .from(users)
    .where(inArray(users.email, emails));
  const byEmail = new Map(people.map((p) => [p.email, p]));

  for (const [email, weekly] of Object.entries(demoMentorHours)) {
    const mentor = byEmail.get(email);
    if (!mentor) continue;
    await tx
      .insert(mentorAvailability)
      .values({ userId: mentor.id, weekly, minimumNotice: { kind: "hours", hours: 12 }, updatedAt: now })
      .onConflictDoNothing();
  }

  let made = 0;
  let booked = 0;
  for (const pair of demoPairs) {
    const mentor = byEmail.get(pair.mentor);
    const mentee = byEmail.get(pair.mentee);
    if (!mentor || !mentee) continue;
    const [existing] = await tx
      .select({ id: matches.id })
      .from(matches)
      .where(and(eq(matches.programId, programId), eq(matches.menteeId, mentee.id)));
    if (existing) continue;
    // A savepoint per pair: on a database with data, a mentor or mentee already busy at a seeded time
    // (the overlap constraint) only leaves that pair out.
    try {
      const counts = await tx.transaction((pairTx) =>
        seedPair(pairTx, { programId, coordinatorId, sessionMinutes, now, pair, mentor, mentee }),
      );
      made++;
      booked += counts;
    } catch (err) {
      if (pgErrorCode(err) !== "23P01") throw err;
    }
  }
  return { matches: made, sessions: booked };
}

type Person = { id: string; email: string; name: string; timezone: string };

/** One pair's match, history, sessions and their log entries; answers how many sessions it wrote. */
async function seedPair(
  tx: DbOrTx,
  input: {
    programId: string;
    coordinatorId: string;
    sessionMinutes: number;
    now: Date;
    pair: (typeof demoPairs)[number];
    mentor: Person;
    mentee: Person;
  },
): Promise<number> {
  const { programId, coordinatorId, sessionMinutes, now, pair, mentor, mentee } = input;
  let booked = 0;
  const times = meetingTimes(now, mentor.timezone, pair.weekday, pair.at);
  const matchedAt = new Date((times.past[0] as Date).getTime() - 3 * DAY_MS);
  const [match] = await tx
    .insert(matches)
    .values({
      programId,
      mentorId: mentor.id,
      menteeId: mentee.id,
      status: "active",
      source: "manual",
      createdBy: coordinatorId,
      createdAt: matchedAt,
      updatedAt: matchedAt,
    })
    .returning({ id: matches.id });
  const matchId = (match as { id: string }).id;
  await tx
    .insert(matchEvents)
    .values({ matchId, fromStatus: null, toStatus: "active", actorId: coordinatorId, reason: "", createdAt: matchedAt });
  await tx.insert(auditLog).values({
    actorId: coordinatorId,
    action: "match.created",
    targetType: "match",
    targetId: matchId,
    programId,
    detail: "Matched by a coordinator",
    createdAt: matchedAt,
  });

  const slots = [...times.past.map((start) => ({ start, past: true })), ...times.upcoming.map((start) => ({ start, past: false }))];
  for (const [i, slot] of slots.entries()) {
    const end = new Date(slot.start.getTime() + sessionMinutes * 60_000);
    const bookedAt = slot.past
      ? new Date(slot.start.getTime() - 2 * DAY_MS)
      : new Date(Math.max(matchedAt.getTime(), now.getTime() - 2 * DAY_MS));
    const notes = slot.past ? pastNotes[i] : undefined;
    const [session] = await tx
      .insert(sessions)
      .values({
        matchId,
        programId,
        start: slot.start,
        end,
        status: slot.past ? "completed" : "confirmed",
        createdBy: mentee.id,
        agenda: notes?.agenda ?? (i === 2 ? "Go through the practice interview feedback." : ""),
        sharedNotes: notes?.sharedNotes ?? "",
        completedAt: slot.past ? end : null,
        completedBy: slot.past ? mentor.id : null,
        createdAt: bookedAt,
        updatedAt: slot.past ? end : bookedAt,
      })
      .returning({ id: sessions.id });
    const sessionId = (session as { id: string }).id;
    booked++;
    // Completed sessions hold no time, exactly as completing one does (only live sessions are active).
    for (const p of [
      { userId: mentor.id, role: "mentor" as const },
      { userId: mentee.id, role: "mentee" as const },
    ]) {
      await tx.insert(sessionParticipants).values({
        sessionId,
        userId: p.userId,
        role: p.role,
        during: `[${slot.start.toISOString()},${end.toISOString()})`,
        active: !slot.past,
        attendance: slot.past ? "attended" : null,
        attendanceMarkedBy: slot.past ? mentor.id : null,
      });
    }
    if (notes) {
      await tx
        .insert(sessionActionItems)
        .values({ sessionId, title: notes.action, ownerId: mentee.id, createdBy: mentor.id, createdAt: end });
    }
    await tx.insert(auditLog).values([
      {
        actorId: mentee.id,
        action: "session.book",
        targetType: "session",
        targetId: sessionId,
        programId,
        detail: `${slot.start.toISOString()} confirmed`,
        createdAt: bookedAt,
      },
      ...(slot.past
        ? [
            {
              actorId: mentor.id,
              action: "session.complete",
              targetType: "session",
              targetId: sessionId,
              programId,
              detail: "completed",
              createdAt: end,
            },
          ]
        : []),
    ]);
  }
  return booked;
}
