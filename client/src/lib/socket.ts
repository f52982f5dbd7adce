import type { ClientToServerEvents, ServerToClientEvents } from "@shared/realtime/events";
import { io, type Socket } from "socket.io-client";
import { createSignal, onCleanup } from "solid-js";
import { queryClient } from "./query-client";
import { queryKeys } from "./query-keys";

/** What the header shows: "Live", "Connecting…", "Reconnecting…" or "Offline". */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const [connectionState, setConnectionState] = createSignal<ConnectionState>("offline");

/** A read-only signal with the live connection's state. */
export { connectionState };

let socket: AppSocket | undefined;

type Listener = { event: keyof ServerToClientEvents; handler: (data: never) => void };
/** Feature subscriptions (useLiveEvents); kept here so they survive the socket being created later or replaced. */
const listeners = new Set<Listener>();
/** Called after a reconnection: events may have been missed, so subscribers refetch. */
const reconnectListeners = new Set<() => void>();
let wanted = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function setUnread(unread: number) {
  queryClient.setQueryData(queryKeys.unreadCount, { unread });
}

function scheduleRetry(s: AppSocket, ms: number) {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => {
    if (wanted && !s.connected && !s.active) {
      setConnectionState("reconnecting");
      s.connect();
    }
  }, ms);
}

function createSocket(): AppSocket {
  // Same origin: the browser sends the session cookie with the handshake; Vite proxies /socket.io in dev.
  const s: AppSocket = io({ autoConnect: false, reconnectionDelay: 1_000, reconnectionDelayMax: 10_000 });

  let connectedBefore = false;
  s.on("connect", () => {
    setConnectionState("connected");
    if (connectedBefore) for (const l of reconnectListeners) l();
    connectedBefore = true;
    // Events may have been missed while disconnected: the server is the source of truth, so re-fetch.
    void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
  });
  s.on("disconnect", (reason) => {
    if (reason === "io client disconnect") {
      setConnectionState("offline");
      return;
    }
    setConnectionState(navigator.onLine ? "reconnecting" : "offline");
    // The server closed us on purpose (password changed, sessions revoked); socket.io does not retry that by itself.
    // Try once more: with a still-valid cookie it succeeds, otherwise the handshake says "unauthorized".
    if (reason === "io server disconnect") scheduleRetry(s, 1_000);
  });
  s.on("connect_error", (err) => {
    if (s.active) {
      // A transport problem: socket.io keeps retrying on its own.
      setConnectionState(navigator.onLine ? "reconnecting" : "offline");
      return;
    }
    // The server refused the handshake; socket.io will not retry by itself.
    setConnectionState("offline");
    if (err.message === "unauthorized") {
      // The session ended (signed out elsewhere, suspended): let the route guards send us to sign-in.
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      return;
    }
    scheduleRetry(s, 5_000);
  });
  s.io.on("reconnect_attempt", () => setConnectionState(navigator.onLine ? "reconnecting" : "offline"));
  s.io.on("reconnect_failed", () => setConnectionState("offline"));

  s.on("notification:new", ({ unread }) => {
    setUnread(unread);
    void queryClient.invalidateQueries({ queryKey: queryKeys.notificationList });
    // Accepted, matched, booked, paused...: whatever was worth telling may have changed the next step too.
    void queryClient.invalidateQueries({ queryKey: queryKeys.nextSteps });
  });
  s.on("notification:count", ({ unread }) => {
    setUnread(unread);
    void queryClient.invalidateQueries({ queryKey: queryKeys.notificationList });
  });
  s.on("delivery:changed", () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.adminOverview });
    void queryClient.invalidateQueries({ queryKey: queryKeys.adminDeliveries });
  });
  // One dispatcher per feature event: subscribers come and go with their pages.
  for (const event of ["request:changed", "match:changed", "program:changed", "cohort:progress", "session:changed"] as const) {
    s.on(event, (data: unknown) => {
      // A request, match or session change can move someone's next step; cohort progress ticks cannot.
      if (event !== "cohort:progress") void queryClient.invalidateQueries({ queryKey: queryKeys.nextSteps });
      for (const l of listeners) if (l.event === event) (l.handler as (d: unknown) => void)(data);
    });
  }
  // Memberships, approvals and settings show on many program pages: refetch the program queries.
  s.on("program:changed", () => void queryClient.invalidateQueries({ queryKey: queryKeys.programs }));
  s.on("account:changed", () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    void queryClient.invalidateQueries({ queryKey: queryKeys.profiles });
    void queryClient.invalidateQueries({ queryKey: queryKeys.programs });
  });
  return s;
}

function onBrowserOnline() {
  if (!wanted || !socket) return;
  if (socket.connected) {
    // The connection survived a short network blip.
    setConnectionState("connected");
    return;
  }
  setConnectionState("reconnecting");
  if (!socket.active) socket.connect();
}
function onBrowserOffline() {
  if (wanted) setConnectionState("offline");
}

/** Opens the live connection; call only while someone is signed in (the handshake needs the session cookie). */
export function startRealtime() {
  wanted = true;
  socket ??= createSocket();
  window.addEventListener("online", onBrowserOnline);
  window.addEventListener("offline", onBrowserOffline);
  if (!socket.connected && !socket.active) {
    setConnectionState(navigator.onLine ? "connecting" : "offline");
    socket.connect();
  }
}

/** Closes the live connection (sign-out, or leaving the signed-in part of the app). */
export function stopRealtime() {
  wanted = false;
  clearTimeout(retryTimer);
  window.removeEventListener("online", onBrowserOnline);
  window.removeEventListener("offline", onBrowserOffline);
  socket?.disconnect();
  setConnectionState("offline");
}

/**
 * Subscribes the calling component to live events on the app-wide connection until it unmounts. `onReconnect`
 * runs when the connection comes back after a drop (events may have been missed; refetch).
 */
export function useLiveEvents<E extends "request:changed" | "match:changed" | "program:changed" | "cohort:progress" | "session:changed">(
  events: readonly E[],
  handler: (data: Parameters<ServerToClientEvents[E]>[0], event: E) => void,
  onReconnect?: () => void,
) {
  const mine: Listener[] = events.map((event) => ({
    event,
    handler: ((data: Parameters<ServerToClientEvents[E]>[0]) => handler(data, event)) as (data: never) => void,
  }));
  for (const l of mine) listeners.add(l);
  if (onReconnect) reconnectListeners.add(onReconnect);
  onCleanup(() => {
    for (const l of mine) listeners.delete(l);
    if (onReconnect) reconnectListeners.delete(onReconnect);
  });
}
