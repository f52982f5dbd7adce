import { io, type Socket } from "socket.io-client";
import { onCleanup, onMount } from "solid-js";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../../server/realtime/events";
import { queryClient } from "../../lib/query-client";
import { requestKeys } from "./queries";

/**
 * Keeps the request pages live while they are open: request:changed and match:changed are signals to refetch.
 * lib/socket.ts has no way for a feature to listen to an event, so this page holds its own connection
 * (same origin, same session cookie) and closes it when the page goes away.
 */
export function useRequestsLive() {
  let socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
  onMount(() => {
    socket = io({ reconnectionDelay: 1_000, reconnectionDelayMax: 10_000, forceNew: true });
    const refresh = () => void queryClient.invalidateQueries({ queryKey: requestKeys.root });
    socket.on("request:changed", refresh);
    socket.on("match:changed", refresh);
    // Changes made while the connection was down are fetched when it comes back.
    socket.on("connect", refresh);
  });
  onCleanup(() => socket?.disconnect());
}
