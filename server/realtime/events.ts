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
};

export type ClientToServerEvents = {
  ping: (ack: (data: { at: string }) => void) => void;
};

export type RealtimeEventName = keyof ServerToClientEvents;
export type RealtimeEventData<E extends RealtimeEventName> = Parameters<ServerToClientEvents[E]>[0];
