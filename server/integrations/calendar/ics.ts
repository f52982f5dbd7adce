import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";

/**
 * .ics files for session emails (iTIP REQUEST / CANCEL, RFC 5546) and for the private subscription feed.
 *
 * Every time is written in UTC (`DTSTART:20261201T140000Z`). ical-generator 10 writes a native Date's wall-clock
 * time *as if it were already in the zone* when `timezone` is set on the event or the calendar (14:00Z becomes
 * `DTSTART;TZID=Europe/Berlin:20261201T140000`, an hour off), so no timezone is ever set here. Every calendar
 * client converts UTC to the reader's zone.
 */

export type IcsPerson = { email: string; name?: string | undefined };

export type IcsMethod = "REQUEST" | "CANCEL";
export type IcsEventStatus = "CONFIRMED" | "TENTATIVE" | "CANCELLED";

export type SessionInviteInput = {
  method: IcsMethod;
  /** Stable for the life of the session (see sessionUid): an update or cancel with another UID would be a new event. */
  uid: string;
  /** Rises with every change that is mailed (reschedule, cancel); clients ignore a REQUEST with a lower one. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  /** The address the email is sent from (inviteOrganizer), or Gmail and Outlook show no Accept/Decline. */
  organizer: IcsPerson;
  attendees: IcsPerson[];
  /** Defaults to CONFIRMED for REQUEST; a CANCEL is always CANCELLED. */
  status?: Exclude<IcsEventStatus, "CANCELLED"> | undefined;
  /** DTSTAMP: when this version was made (clock.now()). */
  stamp: Date;
};

export type IcsFile = {
  filename: string;
  content: string;
  /** `text/calendar; method=...`: the method parameter must equal the METHOD inside the file. */
  contentType: string;
  method: IcsMethod;
};

const PRODUCT = { company: "Mentoring Information System", product: "Sessions", language: "EN" };

/**
 * The ORGANIZER of every emailed invite: the address the email is sent from (MAIL_FROM, "Name <address>" or a bare
 * address), named `name` (the program). Gmail and Outlook show Accept / Decline only when the organizer is the
 * sender; naming a participant as organizer also made that participant's own client treat the invite as theirs.
 */
export function inviteOrganizer(mailFrom: string, name: string): IcsPerson {
  const address = /<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom;
  return { email: address.trim(), name };
}

/** `session-<id>@<host>`: the same for the invite, every update and the cancel of one session. */
export function sessionUid(sessionId: string, publicUrl: string): string {
  return `session-${sessionId}@${new URL(publicUrl).hostname}`;
}

// Parameter values (CN) are double-quoted and cannot escape a quote or hold a line break (RFC 5545 3.2).
function cleanName(name: string | undefined): string | null {
  const cleaned = name
    ?.replace(/"/g, "'")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
  return cleaned ? cleaned : null;
}

function checkEmail(email: string): string {
  if (!/^[^\s"';:,<>()\\]+@[^\s"';:,<>()\\]+$/.test(email)) throw new Error("ics: not a plain email address");
  return email;
}

function checkTimes(start: Date, end: Date) {
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw new Error("ics: invalid start or end");
  if (end.getTime() <= start.getTime()) throw new Error("ics: end must be after start");
}

/** The .ics attached to a confirmation (REQUEST), reschedule (REQUEST, higher SEQUENCE) or cancel (CANCEL) email. */
export function buildSessionInvite(input: SessionInviteInput): IcsFile {
  checkTimes(input.start, input.end);
  if (!Number.isInteger(input.sequence) || input.sequence < 0) throw new Error("ics: sequence must be a non-negative integer");
  const isCancel = input.method === "CANCEL";
  const cal = ical({ prodId: PRODUCT, method: isCancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  cal.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stamp,
    start: input.start,
    end: input.end,
    summary: input.summary,
    description: input.description ?? null,
    location: input.location ?? null,
    url: input.url ?? null,
    organizer: { name: cleanName(input.organizer.name) ?? input.organizer.email, email: checkEmail(input.organizer.email) },
    attendees: input.attendees.map((a) => ({
      email: checkEmail(a.email),
      name: cleanName(a.name),
      role: ICalAttendeeRole.REQ,
      // A cancel asks for no reply; a request asks each attendee to accept or decline.
      rsvp: !isCancel,
      status: ICalAttendeeStatus.NEEDSACTION,
    })),
    status: isCancel ? ICalEventStatus.CANCELLED : input.status === "TENTATIVE" ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
  });
  return {
    filename: isCancel ? "cancel.ics" : "invite.ics",
    content: cal.toString(),
    contentType: `text/calendar; method=${input.method}; charset=utf-8`,
    method: input.method,
  };
}

export type FeedEvent = {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  status: IcsEventStatus;
  /** LAST-MODIFIED; clients use it with SEQUENCE to see that a session moved. */
  updatedAt?: Date | undefined;
};

export type FeedInput = {
  /** X-WR-CALNAME, the name the subscribing calendar shows, e.g. "Mentoring sessions". */
  name: string;
  events: FeedEvent[];
  stamp: Date;
  /** How often clients should poll (REFRESH-INTERVAL / X-PUBLISHED-TTL); Google ignores it and polls on its own schedule. */
  refreshSeconds?: number | undefined;
};

/**
 * The private subscription feed (METHOD:PUBLISH, read-only). Cancelled sessions are left out: a subscribed calendar
 * mirrors the feed, so an event that disappears is removed, while STATUS:CANCELLED in a feed is shown by some
 * clients (Apple, Thunderbird) and ignored by others (Google). No ORGANIZER or ATTENDEE either: the feed is
 * a read-only copy, clients would otherwise offer to reply to it, and the URL should not carry other people's
 * email addresses.
 */
export function buildFeed(input: FeedInput): string {
  const cal = ical({
    prodId: PRODUCT,
    method: ICalCalendarMethod.PUBLISH,
    name: input.name,
    ttl: input.refreshSeconds ?? 60 * 60,
  });
  for (const e of input.events) {
    if (e.status === "CANCELLED") continue;
    checkTimes(e.start, e.end);
    cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: input.stamp,
      start: e.start,
      end: e.end,
      summary: e.summary,
      description: e.description ?? null,
      location: e.location ?? null,
      url: e.url ?? null,
      lastModified: e.updatedAt ?? null,
      status: e.status === "TENTATIVE" ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}

export const FEED_CONTENT_TYPE = "text/calendar; charset=utf-8";
