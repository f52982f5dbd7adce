import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { cookieSettings, readCookie, validateSessionToken } from "../auth/session";
import type { AppDeps } from "../deps";
import { allowedOrigins, isCrossSite, isKnownHost } from "../request-guards";
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
    // socket.io answers its own requests before the app's handler sees them, so the Host and Origin rules of
    // every other request are applied here too: a foreign page (or a DNS-rebinding name) gets no socket.
    allowRequest: (req, callback) => {
      if (!isKnownHost(req.headers.host, deps.config.publicUrl, deps.config.allowedHosts)) return callback("unknown host", false);
      if (isCrossSite(req, allowedOrigins(req, deps.config.publicUrl))) {
        deps.logger.warn({ origin: req.headers.origin }, "cross-site socket refused");
        return callback("cross-site", false);
      }
      callback(null, true);
    },
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
