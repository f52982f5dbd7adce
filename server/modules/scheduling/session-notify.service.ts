/**
 * What a session change tells people: the notification to each party, the .ics invite on the email and the
 * reminder schedule. Called inside the transaction of the change, after the session row is written, so it reads
 * the session's new time and sequence.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { programs } from "../../../db/schema/programs";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import { buildSessionInvite, type IcsMethod, inviteOrganizer, sessionUid } from "../../integrations/calendar/ics";
import { queueCalendarSync } from "../calendar-sync/calendar-sync.hooks";
import type { NotificationType } from "../notification/catalogue";
import { type EmailAttachment, type NotifyDeps, notify } from "../notification/outbox.service";
import { formatInstant } from "../notification/quiet-hours";
import { cancelReminders, type ReminderEvent, scheduleReminders } from "../notification/reminder.service";
import { sessionLinkUrls } from "../session-link/session-link-token";

type Party = { id: string; name: string; email: string; timezone: string; role: "mentor" | "mentee" };

/** The reminder event key of a session (reminder dedupe keys start with it). */
export const sessionEventKey = (sessionId: string) => `session:${sessionId}`;
/** Opens My calendar on the session's day with the session's details shown (one-to-one and office hours alike). */
export const sessionLink = (sessionId: string, start: Date) => `/calendar?date=${start.toISOString().slice(0, 10)}&session=${sessionId}`;

export async function sessionNotice(tx: DbOrTx, deps: NotifyDeps, sessionId: string) {
  const [session] = await tx
    .select({
      id: sessions.id,
      programId: sessions.programId,
      programName: programs.name,
      start: sessions.start,
      end: sessions.end,
      sequence: sessions.sequence,
    })
    .from(sessions)
    .innerJoin(programs, eq(programs.id, sessions.programId))
    .where(eq(sessions.id, sessionId));
  if (!session) throw new Error(`sessionNotice: no session ${sessionId}`);
  const parties: Party[] = await tx
    .select({ id: users.id, name: users.name, email: users.email, timezone: users.timezone, role: sessionParticipants.role })
    .from(sessionParticipants)
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .where(eq(sessionParticipants.sessionId, sessionId));
  const mentor = parties.find((p) => p.role === "mentor");
  const mentee = parties.find((p) => p.role === "mentee");
  if (!mentor || !mentee) throw new Error(`sessionNotice: session ${sessionId} lacks a participant`);
  const partnerOf = (p: Party) => (p.id === mentor.id ? mentee : mentor);
  const link = sessionLink(session.id, session.start);

  function invite(method: IcsMethod): EmailAttachment {
    const file = buildSessionInvite({
      method,
      uid: sessionUid(session!.id, deps.publicUrl),
      sequence: session!.sequence,
      start: session!.start,
      end: session!.end,
      summary: `Mentoring session: ${mentor!.name} and ${mentee!.name}`,
      description: `${session!.programName}. Details: ${deps.publicUrl}${link}`,
      url: `${deps.publicUrl}${link}`,
      // The sending address organizes (Accept / Decline stay visible); both people attend.
      organizer: inviteOrganizer(deps.mailFrom, session!.programName),
      attendees: [
        { email: mentor!.email, name: mentor!.name },
        { email: mentee!.email, name: mentee!.name },
      ],
      stamp: deps.clock.now(),
    });
    return { filename: file.filename, content: file.content, contentType: file.contentType };
  }

  /** The recipient's own one-click links; each names the session and this person, never the other one. */
  const linksFor = (p: Party) => sessionLinkUrls(deps, tx, session!.id, p.id);

  async function send(type: NotificationType, to: Party, extra: Record<string, string>, attachment?: EmailAttachment) {
    await notify(tx, deps, {
      type,
      userId: to.id,
      programId: session!.programId,
      link,
      data: {
        programName: session!.programName,
        partnerName: partnerOf(to).name,
        when: formatInstant(session!.start, to.timezone),
        ...extra,
      },
      dedupeKey: `${type}:${session!.id}:${session!.sequence}:${session!.start.toISOString()}`,
      attachments: attachment ? [attachment] : undefined,
    });
  }

  function reminderEvent(p: Party): ReminderEvent {
    return {
      eventKey: sessionEventKey(session!.id),
      title: `Session with ${partnerOf(p).name}`,
      startsAt: session!.start,
      link,
      programId: session!.programId,
      recipients: [p.id],
    };
  }

  return {
    session,
    mentor,
    mentee,
    /** A mentee asked for a time the mentor has to confirm. */
    async requested() {
      await send("session.requested", mentor, {});
    },
    /** Both get the invite; the program's reminders are scheduled. */
    async confirmed() {
      const file = invite("REQUEST");
      for (const p of [mentor, mentee]) {
        await send("session.confirmed", p, await linksFor(p), file);
        await scheduleReminders(tx, deps, reminderEvent(p));
      }
      await queueCalendarSync(tx, session.id);
    },
    async declined(reason: string) {
      await cancelReminders(tx, deps, sessionEventKey(session.id));
      await send("session.declined", mentee, { reason });
    },
    /**
     * The other party hears of the move; a confirmed session's invite is updated and its reminders moved. The
     * mover gets the updated invite too ("session.moved_by_you"), or their calendar app keeps the old time.
     */
    async rescheduled(actorId: string, previousStart: Date, reason: string, confirmed: boolean) {
      const other = actorId === mentor.id ? mentee : mentor;
      const mover = partnerOf(other);
      const file = confirmed ? invite("REQUEST") : undefined;
      await send(
        "session.rescheduled",
        other,
        { previousWhen: formatInstant(previousStart, other.timezone), reason, ...(await linksFor(other)) },
        file,
      );
      if (file) {
        await send(
          "session.moved_by_you",
          mover,
          { previousWhen: formatInstant(previousStart, mover.timezone), reason, ...(await linksFor(mover)) },
          file,
        );
      }
      if (confirmed) {
        // moveReminders per person would cancel the first person's new reminders (one event key for both), so
        // the move is one cancel and then one schedule per person (each person's reminder names the other one).
        await cancelReminders(tx, deps, sessionEventKey(session.id));
        for (const p of [mentor, mentee]) await scheduleReminders(tx, deps, reminderEvent(p));
        await queueCalendarSync(tx, session.id);
      }
    },
    /**
     * The other party hears of it; a confirmed session's calendar entry is withdrawn from both calendars: the
     * canceller gets the same CANCEL ("session.cancelled_by_you"), or their calendar app keeps the session. Reminders stop.
     */
    async cancelled(actorId: string, reason: string, confirmed: boolean) {
      const other = actorId === mentor.id ? mentee : mentor;
      const canceller = partnerOf(other);
      await cancelReminders(tx, deps, sessionEventKey(session.id));
      const file = confirmed ? invite("CANCEL") : undefined;
      await send("session.cancelled", other, { reason }, file);
      if (file) {
        await send("session.cancelled_by_you", canceller, { reason }, file);
        await queueCalendarSync(tx, session.id);
      }
    },
  };
}
