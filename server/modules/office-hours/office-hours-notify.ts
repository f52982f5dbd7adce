/**
 * What a group session change tells people. Called inside the transaction of the change, after the session and
 * seat rows are written, so it reads the new time and sequence.
 *
 * - Each attendee's .ics names only the host and that attendee: attendees never see each other's email addresses.
 *   The UID is the session's (sessionUid), the same for every attendee, every update and the cancel.
 * - Reminders are kept per person under `session:<id>:<userId>`, so leaving cancels only the leaver's; cancelling
 *   `session:<id>` (its prefix) stops everyone's at once.
 * - The catalogue's session types are reused with the host as partnerName; a leaver's own CANCEL goes out as
 *   "session.cancelled" with partnerName "You".
 * - The invites' ORGANIZER is the sending address (MAIL_FROM, named after the program), the host an attendee. The
 *   host is sent no invite for their own office hours (calendar sync puts them in a connected calendar), so a cancel
 *   withdraws nothing of theirs by email; every seat holder gets the CANCEL.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { programs } from "../../../db/schema/programs";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { users } from "../../../db/schema/users";
import { buildSessionInvite, type IcsMethod, inviteOrganizer, sessionUid } from "../../integrations/calendar/ics";
import { queueCalendarSync } from "../calendar-sync/calendar-sync.hooks";
import type { NotificationType } from "../notification/catalogue";
import { type EmailAttachment, type NotifyDeps, notify } from "../notification/outbox.service";
import { formatInstant } from "../notification/quiet-hours";
import { cancelReminders, scheduleReminders } from "../notification/reminder.service";
import { sessionLink } from "../scheduling/session-notify.service";

type Person = { id: string; name: string; email: string; timezone: string };

export const groupEventKey = (sessionId: string) => `session:${sessionId}`;
export const seatEventKey = (sessionId: string, userId: string) => `session:${sessionId}:${userId}`;

export async function officeHoursNotice(tx: DbOrTx, deps: NotifyDeps, sessionId: string) {
  const [session] = await tx
    .select({
      id: sessions.id,
      programId: sessions.programId,
      programName: programs.name,
      title: sessions.title,
      start: sessions.start,
      end: sessions.end,
      sequence: sessions.sequence,
    })
    .from(sessions)
    .innerJoin(programs, eq(programs.id, sessions.programId))
    .where(eq(sessions.id, sessionId));
  if (!session) throw new Error(`officeHoursNotice: no session ${sessionId}`);
  const [host] = await tx
    .select({ id: users.id, name: users.name, email: users.email, timezone: users.timezone })
    .from(sessionParticipants)
    .innerJoin(users, eq(users.id, sessionParticipants.userId))
    .where(and(eq(sessionParticipants.sessionId, sessionId), eq(sessionParticipants.role, "mentor")));
  if (!host) throw new Error(`officeHoursNotice: session ${sessionId} has no host`);
  const link = sessionLink(session.id, session.start);
  const s = session;
  const h: Person = host;

  function invite(method: IcsMethod, attendee: Person): EmailAttachment {
    const file = buildSessionInvite({
      method,
      uid: sessionUid(s.id, deps.publicUrl),
      sequence: s.sequence,
      start: s.start,
      end: s.end,
      summary: `${s.title} (hosted by ${h.name})`,
      description: `${s.programName}. Details: ${deps.publicUrl}${link}`,
      url: `${deps.publicUrl}${link}`,
      // The sending address organizes (Accept / Decline stay visible); the host and this attendee attend.
      organizer: inviteOrganizer(deps.mailFrom, s.programName),
      attendees: [
        { email: h.email, name: h.name },
        { email: attendee.email, name: attendee.name },
      ],
      stamp: deps.clock.now(),
    });
    return { filename: file.filename, content: file.content, contentType: file.contentType };
  }

  async function send(type: NotificationType, to: Person, partnerName: string, extra: Record<string, string>, file?: EmailAttachment) {
    await notify(tx, deps, {
      type,
      userId: to.id,
      programId: s.programId,
      link,
      data: { programName: s.programName, partnerName, when: formatInstant(s.start, to.timezone), ...extra },
      // The sequence rises with every seat taken or given back, so a person who leaves and comes back hears again.
      dedupeKey: `${type}:${s.id}:${s.sequence}:${s.start.toISOString()}`,
      attachments: file ? [file] : undefined,
    });
  }

  async function remind(p: Person) {
    await scheduleReminders(tx, deps, {
      eventKey: seatEventKey(s.id, p.id),
      title: p.id === h.id ? `${s.title} (you host)` : `${s.title} with ${h.name}`,
      startsAt: s.start,
      link,
      programId: s.programId,
      recipients: [p.id],
    });
  }

  async function people(ids: string[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    return tx
      .select({ id: users.id, name: users.name, email: users.email, timezone: users.timezone })
      .from(users)
      .where(inArray(users.id, ids));
  }

  async function person(id: string): Promise<Person> {
    const [p] = await tx
      .select({ id: users.id, name: users.name, email: users.email, timezone: users.timezone })
      .from(users)
      .where(eq(users.id, id));
    if (!p) throw new Error(`officeHoursNotice: no user ${id}`);
    return p;
  }

  return {
    session: s,
    host: h,
    /** The host's own reminders (the host made it, so no email). */
    async hosted() {
      await remind(h);
      await queueCalendarSync(tx, s.id);
    },
    /** The attendee's confirmation with an invite, and their reminders. */
    async seatTaken(userId: string) {
      const p = await person(userId);
      await send("session.confirmed", p, h.name, {}, invite("REQUEST", p));
      await remind(p);
      await queueCalendarSync(tx, s.id);
    },
    /** The leaver's calendar entry is withdrawn and only their reminders stop. */
    async seatGivenBack(userId: string) {
      const p = await person(userId);
      await cancelReminders(tx, deps, seatEventKey(s.id, p.id));
      await send("session.cancelled", p, "You", { reason: `You gave back your seat in "${s.title}".` }, invite("CANCEL", p));
      await queueCalendarSync(tx, s.id);
    },
    /** Every attendee gets the updated invite; everyone's reminders move. */
    async moved(attendeeIds: string[], previousStart: Date, reason: string) {
      await cancelReminders(tx, deps, groupEventKey(s.id));
      await remind(h);
      for (const p of await people(attendeeIds)) {
        await send(
          "session.rescheduled",
          p,
          h.name,
          { previousWhen: formatInstant(previousStart, p.timezone), reason },
          invite("REQUEST", p),
        );
        await remind(p);
      }
      await queueCalendarSync(tx, s.id);
    },
    /** Every attendee gets a CANCEL with the same UID; the host hears of it when staff cancelled. Reminders stop. */
    async cancelled(attendeeIds: string[], actorId: string, reason: string) {
      await cancelReminders(tx, deps, groupEventKey(s.id));
      const actorName = actorId === h.id ? h.name : (await person(actorId)).name;
      for (const p of await people(attendeeIds)) await send("session.cancelled", p, actorName, { reason }, invite("CANCEL", p));
      if (actorId !== h.id) await send("session.cancelled", h, actorName, { reason });
      await queueCalendarSync(tx, s.id);
    },
  };
}
