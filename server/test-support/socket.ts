import { io as connect, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../realtime/events";

/** A socket to the test server signed in with `cookie`, resolved once the server has said hello. */
export function socketFor(url: string, cookie: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  return new Promise((resolve, reject) => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
    });
    s.once("hello", () => resolve(s));
    s.once("connect_error", reject);
  });
}
