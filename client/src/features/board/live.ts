import { io, type Socket } from "socket.io-client";
import { onCleanup } from "solid-js";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../../server/realtime/events";
import { queryClient } from "../../lib/query-client";
import { matchRoot } from "./queries";

/**
 * Keeps the board's queries fresh while it is on screen: request, match and program changes of this program
 * are signals to refetch. The app-wide socket (lib/socket.ts) does not forward these events yet, so the board
 * holds its own connection for as long as it is mounted.
 */
export function useLiveProgram(programId: () => string, extraKeys: readonly (readonly unknown[])[] = []) {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ reconnectionDelay: 1_000, reconnectionDelayMax: 10_000 });
  const refresh = (data: { programId: string }) => {
    if (data.programId !== programId()) return;
    void queryClient.invalidateQueries({ queryKey: matchRoot });
    for (const key of extraKeys) void queryClient.invalidateQueries({ queryKey: key });
  };
  socket.on("request:changed", refresh);
  socket.on("match:changed", refresh);
  socket.on("program:changed", refresh);
  // Changes may have been missed while the connection was down.
  let connectedBefore = false;
  socket.on("connect", () => {
    if (connectedBefore) void queryClient.invalidateQueries({ queryKey: matchRoot });
    connectedBefore = true;
  });
  onCleanup(() => socket.disconnect());
}
