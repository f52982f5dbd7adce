import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifications } from "../../../db/schema/notifications";
import type { ClientToServerEvents, ServerToClientEvents } from "../../realtime/events";
import { enrol, makeProgram, makeUser, sessionTokenFor } from "../../test-support/factories";
import { jarOf, startTestApp, type TestApp } from "../../test-support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function signedInAs(userId: string) {
  const client = t.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(t.deps.db, t.clock, userId));
  return client;
}

function socketFor(cookie: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  return new Promise((resolve, reject) => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(t.url, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
    });
    s.once("hello", () => resolve(s));
    s.once("connect_error", reject);
  });
}

describe("in-app notifications", () => {
  it("a member added to a program sees the notification arrive live, with the unread count", async () => {
    const coordinator = await makeUser(t.deps.db);
    const member = await makeUser(t.deps.db);
    const program = await makeProgram(t.deps.db, { name: "Live Program" });
    await enrol(t.deps.db, program.id, coordinator.id, "coordinator");
    const memberClient = await signedInAs(member.id);
    const socket = await socketFor(jarOf(memberClient).header());
    const arrived = new Promise<{ title: string; unread: number }>((resolve) => socket.once("notification:new", resolve));

    const coordClient = await signedInAs(coordinator.id);
    await coordClient.program.addMember.mutate({ programId: program.id, email: member.email, role: "mentee" });

    const event = await arrived;
    expect(event.title).toBe("You joined Live Program as mentee");
    expect(event.unread).toBe(1);
    expect((await memberClient.notification.unreadCount.query()).unread).toBe(1);
    expect((await memberClient.auth.me.query())?.roles).toEqual(["mentee"]);

    const [item] = (await memberClient.notification.list.query({})).items;
    const countChanged = new Promise<{ unread: number }>((resolve) => socket.once("notification:count", resolve));
    await memberClient.notification.markRead.mutate({ id: item?.id ?? "" });
    expect((await countChanged).unread).toBe(0);
    socket.close();
  });

  it("lists newest first, pages with a cursor and marks all as read", async () => {
    const u = await makeUser(t.deps.db);
    const base = Date.parse("2026-10-01T10:00:00Z");
    await t.deps.db.insert(notifications).values(
      Array.from({ length: 25 }, (_, i) => ({
        userId: u.id,
        type: "test",
        title: `Note ${i}`,
        createdAt: new Date(base + i * 60_000),
        visibleAt: new Date(base + i * 60_000),
      })),
    );
    const client = await signedInAs(u.id);
    const first = await client.notification.list.query({ limit: 10 });
    expect(first.items.map((n) => n.title).slice(0, 2)).toEqual(["Note 24", "Note 23"]);
    const second = await client.notification.list.query({ limit: 10, before: first.nextCursor });
    const third = await client.notification.list.query({ limit: 10, before: second.nextCursor });
    expect(third.items).toHaveLength(5);
    expect(third.nextCursor).toBeNull();
    const seen = new Set([...first.items, ...second.items, ...third.items].map((n) => n.title));
    expect(seen.size).toBe(25);
    await client.notification.markAllRead.mutate();
    expect((await client.notification.unreadCount.query()).unread).toBe(0);
  });
});
