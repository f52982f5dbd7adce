import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { cookieSettings, readCookie, validateSessionToken } from "../auth/session";
import type { AppDeps } from "../deps";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";
import { ADMIN_ROOM, userRoom } from "./realtime";

type SocketData = { userId: string; isAdmin: boolean };

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export async function attachSocketServer(httpServer: HttpServer, deps: AppDeps): Promise<IoServer> {
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    // Same origin only: the browser sends the session cookie by itself; no CORS.
    cors: undefined,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    maxHttpBufferSize: 64 * 1024,
  });
  const cookie = cookieSettings(deps.config.publicUrl);
  // Handshake: the same session validation as tRPC; re-run on recovery (skipMiddlewares: false).
  io.use(async (socket, next) => {
    try {
      const token = readCookie(socket.request.headers.cookie, cookie.name) ?? "";
      const auth = token ? await validateSessionToken(deps.db, deps.clock, token, deps.sessions) : null;
      if (!auth) return next(new Error("unauthorized"));
      socket.data.userId = auth.user.id;
      socket.data.isAdmin = auth.user.isPlatformAdmin;
      next();
    } catch (err) {
      deps.logger.error({ err }, "socket handshake failed");
      next(new Error("unavailable"));
    }
  });
  io.on("connection", (socket) => {
    if (!socket.recovered) {
      socket.join(userRoom(socket.data.userId));
      if (socket.data.isAdmin) socket.join(ADMIN_ROOM);
    }
    io.to(userRoom(socket.data.userId)).emit("hello", { userId: socket.data.userId });
    socket.on("ping", (ack) => {
      if (typeof ack === "function") ack({ at: deps.clock.now().toISOString() });
    });
  });
  await deps.realtime.attach(io);
  return io;
}
