import { AppError } from "../../errors";

/**
 * A person's outside calendar (Google Calendar, connected by incremental consent). The session's own email with
 * the .ics is the one invitation path: providers must never make the calendar service email attendees.
 */

/** What is stored per connected user (the refresh token encrypted with token-crypto.ts). */
export type CalendarConnection = {
  userId: string;
  refreshToken: string;
  /** A still-valid access token saves a refresh; optional. */
  accessToken?: string | undefined;
  accessTokenExpiresAt?: Date | undefined;
};

export type CalendarSession = {
  /** Our session id: gives the Google event id and the Meet conference request id, so a retried create is idempotent. */
  sessionId: string;
  summary: string;
  description?: string | undefined;
  start: Date;
  end: Date;
  /** Listed on the event so Meet admits them without knocking; Google is told not to email them. */
  attendees: { email: string; name?: string | undefined }[];
  /** IANA zone the organizer sees the event in; the instants themselves are sent in UTC. */
  timeZone?: string | undefined;
};

export type BusyInterval = { start: Date; end: Date };

export type CalendarProvider = {
  readonly mode: "real" | "dev";
  readonly description: string;
  /** Creates the event with a Meet link; meetUrl is null when Google has not finished creating the conference. */
  createEvent(conn: CalendarConnection, session: CalendarSession): Promise<{ eventId: string; meetUrl: string | null }>;
  updateEvent(conn: CalendarConnection, eventId: string, session: CalendarSession): Promise<void>;
  /** An event already gone (deleted in Google by the person) counts as deleted. */
  deleteEvent(conn: CalendarConnection, eventId: string): Promise<void>;
  /** Busy intervals of the person's primary calendar in [start, end), cached briefly per user and range. */
  busyTimes(conn: CalendarConnection, range: { start: Date; end: Date }): Promise<BusyInterval[]>;
  /** Revokes our access at Google (best effort) and forgets cached tokens and busy times for the user. */
  disconnect(conn: CalendarConnection): Promise<void>;
};

/**
 * The person has to act: consent withdrawn, refresh token expired or a calendar scope unticked. The caller marks the
 * connection broken and shows the message; retrying will not help.
 */
export class CalendarReconnectError extends AppError {
  readonly reconnect = true;
  constructor(
    /** Google's reason, for the log (invalid_grant, insufficient scope, ...); never shown to the person. */
    public readonly detail: string,
  ) {
    super("CONFLICT", "Google Calendar access was withdrawn or has expired. Reconnect Google Calendar in your settings.");
    this.name = "CalendarReconnectError";
  }
}

/** A failure from the calendar service; `transient` ones (429, 5xx, network) should be retried later. */
export class CalendarProviderError extends Error {
  constructor(
    message: string,
    public readonly transient: boolean,
    public readonly status?: number,
  ) {
    super(message);
    this.name = "CalendarProviderError";
  }
}
