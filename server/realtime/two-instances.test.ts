import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "../../db/client";
import { makeUser, sessionTokenFor } from "../test-support/factories";
import { startTestApp, type TestApp } from "../test-support/test-app";
import { openTestDb } from "../test-support/test-db";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

// Two app instances on one database. On PostgreSQL each has its own connection pool, as separate
// processes would; PGlite is single-process, so there the two share the one embedded engine.
let first: TestApp;
let second: TestApp;
let shared: DbHandle & { url: string | undefined };
let secondHandle: DbHandle | undefined;

beforeAll(async () => {
  shared = await openTestDb();
  first = await startTestApp({}, { handle: shared });
  secondHandle = shared.url ? await openDb({ url: shared.url, migrate: false }) : undefined;
  second = await startTestApp({}, { handle: secondHandle ?? shared });
});
afterAll(async () => {
  await second?.close();
  await first?.close();
  await secondHandle?.close();
  await shared?.close();
});

function socketOn(app: TestApp, cookie: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  return new Promise((resolve, reject) => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(app.url, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
    });
    s.once("hello", () => resolve(s));
    s.once("connect_error", reject);
  });
}

describe("live events across server instances", () => {
  it("a notification created through instance B reaches the member's socket on instance A", async () => {
    const member = await makeUser(first.deps.db);
    const socket = await socketOn(first, `session=${await sessionTokenFor(first.deps.db, first.clock, member.id)}`);
    const arrived = new Promise<{ id: string; title: string }>((resolve) => socket.once("notification:new", resolve));
    const { notify, notifyDepsOf } = await import("../modules/notification/outbox.service");
    const sent = await second.deps.db.transaction((tx) =>
      notify(tx, notifyDepsOf(second.deps), { userId: member.id, type: "system.test", data: { note: "From the other instance" } }),
    );
    const event = await arrived;
    expect(event.id).toBe(sent?.notificationId);
    expect(event.title).toBe("Test message");
    socket.close();
  });

  it("an event published in a transaction that rolls back is never delivered", async () => {
    const member = await makeUser(first.deps.db);
    const socket = await socketOn(first, `session=${await sessionTokenFor(first.deps.db, first.clock, member.id)}`);
    const ids: string[] = [];
    socket.on("notification:new", (e) => ids.push(e.id));
    let rolledBack: string | undefined;
    const { notify, notifyDepsOf } = await import("../modules/notification/outbox.service");
    await second.deps.db
      .transaction(async (tx) => {
        rolledBack = (
          await notify(tx, notifyDepsOf(second.deps), { userId: member.id, type: "system.test", data: { note: "Rolled back" } })
        )?.notificationId;
        throw new Error("abort");
      })
      .catch(() => {});
    const committed = (
      await second.deps.db.transaction((tx) =>
        notify(tx, notifyDepsOf(second.deps), { userId: member.id, type: "system.test", data: { note: "Committed" } }),
      )
    )?.notificationId;
    await new Promise<void>((resolve) => {
      const check = () => (committed && ids.includes(committed) ? resolve() : setTimeout(check, 20));
      check();
    });
    expect(rolledBack).toBeDefined();
    expect(ids).toEqual([committed]);
    socket.close();
  });

  it("suspension through instance B closes the member's socket on instance A", async () => {
    const admin = await makeUser(first.deps.db, { admin: true });
    const member = await makeUser(first.deps.db);
    const socket = await socketOn(first, `session=${await sessionTokenFor(first.deps.db, first.clock, member.id)}`);
    const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
    const adminClient = second.client();
    const { jarOf } = await import("../test-support/test-app");
    jarOf(adminClient).cookies.set("session", await sessionTokenFor(second.deps.db, second.clock, admin.id));
    await adminClient.admin.setUserStatus.mutate({ userId: member.id, status: "suspended" });
    expect(await closed).toBe("io server disconnect");
  });
});
