/**
 * The typed event map shared by the server and the client (client/src/lib/socket.ts imports these types).
 * Events are small signals; clients re-fetch through tRPC, so the server stays the source of truth.
 */
export type ServerToClientEvents = {
  /** Sent on every (re)connection so connection-state recovery has a first broadcast offset. */
  hello: (data: { userId: string }) => void;
  "notification:new": (data: { id: string; title: string; unread: number }) => void;
  "notification:count": (data: { unread: number }) => void;
  /** The admin board's delivery counters changed. */
  "delivery:changed": (data: { failed: number; dead: number }) => void;
  /** The user's account changed (profile saved elsewhere, role changed). */
  "account:changed": (data: Record<string, never>) => void;
  /** A match request the user is part of (as mentee or mentor) changed; staff get it for their program's board. */
  "request:changed": (data: { requestId: string; programId: string; status: string }) => void;
  /** A match the user is part of changed (created, paused, completed, ended). */
  "match:changed": (data: { matchId: string; programId: string; status: string }) => void;
  /** A session the user takes part in was booked, confirmed or cancelled. */
  "session:changed": (data: { sessionId: string; programId: string; status: string }) => void;
  /** Something on a program's coordinator board changed (memberships, checklist, suggestions, rules). */
  "program:changed": (data: { programId: string; what: string }) => void;
  /** A cohort matching run moved on: progress 0-100 while running. */
  "cohort:progress": (data: { runId: string; programId: string; status: string; progress: number }) => void;
};

export type ClientToServerEvents = {
  ping: (ack: (data: { at: string }) => void) => void;
};

export type RealtimeEventName = keyof ServerToClientEvents;
export type RealtimeEventData<E extends RealtimeEventName> = Parameters<ServerToClientEvents[E]>[0];
