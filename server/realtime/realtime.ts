import type { Server } from "socket.io";
import { type DbHandle, type DbOrTx, notifyChannel } from "../../db/client";
import type { Logger } from "../logger";
import type { ClientToServerEvents, RealtimeEventData, RealtimeEventName, ServerToClientEvents } from "./events";

const CHANNEL = "mis_realtime";

type Message = { kind: "emit"; room: string; event: RealtimeEventName; data: unknown } | { kind: "disconnect"; room: string };

export type Realtime = {
  /**
   * Publishes through Postgres NOTIFY. Called inside a transaction, the event is delivered only if it
   * commits; every server instance (and the separate worker process) reaches every socket this way.
   */
  toUser<E extends RealtimeEventName>(db: DbOrTx, userId: string, event: E, data: RealtimeEventData<E>): Promise<void>;
  toRoom<E extends RealtimeEventName>(db: DbOrTx, room: string, event: E, data: RealtimeEventData<E>): Promise<void>;
  /** Closes every socket of the user on every instance (sign-out everywhere, suspension). */
  disconnectUser(db: DbOrTx, userId: string): Promise<void>;
  /** Starts delivering bus messages to this instance's sockets. */
  attach(io: Server<ClientToServerEvents, ServerToClientEvents>): Promise<void>;
  close(): Promise<void>;
};

export const userRoom = (userId: string) => `user:${userId}`;
export const ADMIN_ROOM = "admins";

export function createRealtime(handle: Pick<DbHandle, "listen">, logger: Logger): Realtime {
  let unlisten: (() => Promise<void>) | undefined;
  const send = (db: DbOrTx, msg: Message) => notifyChannel(db, CHANNEL, JSON.stringify(msg));
  return {
    toUser: (db, userId, event, data) => send(db, { kind: "emit", room: userRoom(userId), event, data }),
    toRoom: (db, room, event, data) => send(db, { kind: "emit", room, event, data }),
    disconnectUser: (db, userId) => send(db, { kind: "disconnect", room: userRoom(userId) }),
    async attach(io) {
      unlisten = await handle.listen(CHANNEL, (payload) => {
        try {
          const msg = JSON.parse(payload) as Message;
          if (msg.kind === "emit") {
            (io.to(msg.room) as unknown as { emit(e: string, d: unknown): void }).emit(msg.event, msg.data);
          } else if (msg.kind === "disconnect") {
            io.in(msg.room).disconnectSockets(true);
          }
        } catch (err) {
          logger.warn({ err }, "bad realtime bus message");
        }
      });
    },
    async close() {
      await unlisten?.();
    },
  };
}

/** For processes without sockets (the standalone worker): publishes only. */
export function createPublishOnlyRealtime(logger: Logger): Realtime {
  return { ...createRealtime({ listen: async () => async () => {} }, logger), attach: async () => {} };
}
