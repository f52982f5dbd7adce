/**
 * The session record through the real app: who reads it, notes that never silently overwrite each other, private
 * notes only their author sees, links and files, action items. The clock is fixed at Monday 2 March 2026,
 * 08:00 UTC; sessions are on Thursday 5 March.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionResources } from "../../../db/schema/scheduling";
import { createTestClock } from "../../clock";
import { makeUser } from "../../test-support/factories";
import { sessionRecordTestData } from "../../test-support/session-record-test-data";
import { type BrowserLikeClient, errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";

const MONDAY = "2026-03-02T08:00:00Z";
const THURSDAY_10 = "2026-03-05T10:00:00.000Z";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

let t: TestApp;
let data: ReturnType<typeof sessionRecordTestData>;
beforeAll(async () => {
  t = await startTestApp({}, { clock: createTestClock(MONDAY) });
  data = sessionRecordTestData(t);
});
afterAll(async () => {
  await t?.close();
});

async function booked() {
  t.clock.set(MONDAY);
  const w = await data.pair();
  const s = await w.menteeClient.scheduling.book.mutate({ matchId: w.matchId, start: THURSDAY_10 });
  return { ...w, sessionId: s.id };
}

const cookieOf = (client: BrowserLikeClient) => `session=${jarOf(client).get("session")}`;

async function upload(client: BrowserLikeClient, params: Record<string, string>, body: Uint8Array | string) {
  const res = await fetch(`${t.url}/uploads/session-resource?${new URLSearchParams(params)}`, {
    method: "POST",
    headers: { cookie: cookieOf(client), "content-type": "application/octet-stream" },
    body,
  });
  const json = (await res.json()) as {
    resourceId?: string;
    url?: string;
    error?: { code: string; fieldErrors?: Record<string, string[]> };
  };
  return { status: res.status, json };
}

async function download(client: BrowserLikeClient, url: string) {
  return fetch(`${t.url}${url}`, { headers: { cookie: cookieOf(client) } });
}

describe("who reads a session record", () => {
  it("both participants and the program's staff read it; an outsider is told it does not exist", async () => {
    const w = await booked();
    const mentorView = await w.mentorClient.sessionRecord.get.query({ sessionId: w.sessionId });
    expect(mentorView.participants.map((p) => p.name).sort()).toEqual(["Mia Mentor", "Ned Mentee"]);
    expect(mentorView.viewer).toMatchObject({ role: "mentor", isStaff: false, canEdit: true });
    expect((await w.menteeClient.sessionRecord.get.query({ sessionId: w.sessionId })).viewer.role).toBe("mentee");
    const staffView = await w.coordinatorClient.sessionRecord.get.query({ sessionId: w.sessionId });
    expect(staffView.viewer).toMatchObject({ role: null, isStaff: true, canEdit: false });

    const admin = await makeUser(t.deps.db, { admin: true });
    expect((await (await data.clientFor(admin.id)).sessionRecord.get.query({ sessionId: w.sessionId })).viewer.isStaff).toBe(true);

    const outsider = await data.outsider();
    expect((await errorOf(outsider.client.sessionRecord.get.query({ sessionId: w.sessionId }))).appCode).toBe("NOT_FOUND");
    // A mentee of the same program who is not in the session does not see it either.
    const neighbour = await data.clientFor((await data.mentee(w.program.id)).id);
    expect((await errorOf(neighbour.sessionRecord.get.query({ sessionId: w.sessionId }))).appCode).toBe("NOT_FOUND");
    expect(
      (await errorOf(neighbour.sessionRecord.addLink.mutate({ sessionId: w.sessionId, title: "x", url: "https://example.org" }))).appCode,
    ).toBe("NOT_FOUND");
  });

  it("a cancelled session stays readable by its participants and is read-only", async () => {
    const w = await booked();
    const before = await w.menteeClient.sessionRecord.get.query({ sessionId: w.sessionId });
    await w.mentorClient.sessionRecord.addActionItem.mutate({
      sessionId: w.sessionId,
      title: "Bring the CV",
      ownerId: w.mentee.id,
      dueOn: null,
    });
    expect((await w.menteeClient.sessionRecord.myActionItems.query()).map((i) => i.title)).toEqual(["Bring the CV"]);
    await w.mentorClient.scheduling.cancel.mutate({ sessionId: w.sessionId, reason: "Ill" });
    // Items of a cancelled session can no longer be ticked, so they leave the open list.
    expect(await w.menteeClient.sessionRecord.myActionItems.query()).toEqual([]);
    const after = await w.menteeClient.sessionRecord.get.query({ sessionId: w.sessionId });
    expect(after.status).toBe("cancelled");
    expect(after.viewer.canEdit).toBe(false);
    const edit = await errorOf(
      w.menteeClient.sessionRecord.saveAgenda.mutate({ sessionId: w.sessionId, agenda: "x", updatedAt: after.updatedAt }),
    );
    expect(edit.appCode).toBe("CONFLICT");
    expect(edit.message).toContain("read-only");
    expect(before.updatedAt.getTime()).toBeLessThanOrEqual(after.updatedAt.getTime());
    expect(
      (
        await errorOf(
          w.menteeClient.sessionRecord.addActionItem.mutate({ sessionId: w.sessionId, title: "x", ownerId: w.mentee.id, dueOn: null }),
        )
      ).appCode,
    ).toBe("CONFLICT");
  });
});

describe("agenda and shared notes", () => {
  it("the mentee's shared notes reach the mentor; a save over a newer version is refused, not lost", async () => {
    const w = await booked();
    const loaded = await w.mentorClient.sessionRecord.get.query({ sessionId: w.sessionId });
    const menteeLoaded = await w.menteeClient.sessionRecord.get.query({ sessionId: w.sessionId });

    const saved = await w.menteeClient.sessionRecord.saveSharedNotes.mutate({
      sessionId: w.sessionId,
      sharedNotes: "We will talk about CVs.",
      updatedAt: menteeLoaded.updatedAt,
    });
    expect(saved.updatedAt.getTime()).toBeGreaterThan(menteeLoaded.updatedAt.getTime());
    expect((await w.mentorClient.sessionRecord.get.query({ sessionId: w.sessionId })).sharedNotes).toBe("We will talk about CVs.");

    // The mentor still holds the version loaded before the mentee saved.
    const stale = await errorOf(
      w.mentorClient.sessionRecord.saveSharedNotes.mutate({
        sessionId: w.sessionId,
        sharedNotes: "Mine instead",
        updatedAt: loaded.updatedAt,
      }),
    );
    expect(stale.appCode).toBe("CONFLICT");
    expect(stale.message).toBe("Someone else changed the notes; your text is kept, reload to merge.");
    expect((await w.menteeClient.sessionRecord.get.query({ sessionId: w.sessionId })).sharedNotes).toBe("We will talk about CVs.");

    // With the fresh version the agenda saves, and the next save needs the version it returned.
    const agenda = await w.mentorClient.sessionRecord.saveAgenda.mutate({
      sessionId: w.sessionId,
      agenda: "1. CV",
      updatedAt: saved.updatedAt,
    });
    expect(
      (
        await errorOf(
          w.menteeClient.sessionRecord.saveAgenda.mutate({ sessionId: w.sessionId, agenda: "2. Jobs", updatedAt: saved.updatedAt }),
        )
      ).appCode,
    ).toBe("CONFLICT");
    await w.menteeClient.sessionRecord.saveAgenda.mutate({ sessionId: w.sessionId, agenda: "1. CV\n2. Jobs", updatedAt: agenda.updatedAt });
    expect((await w.coordinatorClient.sessionRecord.get.query({ sessionId: w.sessionId })).agenda).toBe("1. CV\n2. Jobs");
  });

  it("staff read the notes but do not edit them", async () => {
    const w = await booked();
    const view = await w.coordinatorClient.sessionRecord.get.query({ sessionId: w.sessionId });
    const err = await errorOf(
      w.coordinatorClient.sessionRecord.saveSharedNotes.mutate({
        sessionId: w.sessionId,
        sharedNotes: "Staff text",
        updatedAt: view.updatedAt,
      }),
    );
    expect(err.appCode).toBe("FORBIDDEN");
  });
});

describe("private notes", () => {
  it("only their author ever sees them: not the other participant, not the coordinator, not an admin", async () => {
    const w = await booked();
    const secret = "Mentee seems anxious about interviews";
    const first = await w.mentorClient.sessionRecord.savePrivateNote.mutate({ sessionId: w.sessionId, body: secret, updatedAt: null });
    expect((await w.mentorClient.sessionRecord.get.query({ sessionId: w.sessionId })).privateNote).toEqual({
      body: secret,
      updatedAt: first.updatedAt,
    });

    const menteeView = await w.menteeClient.sessionRecord.get.query({ sessionId: w.sessionId });
    expect(menteeView.privateNote).toEqual({ body: "", updatedAt: null });
    const staffView = await w.coordinatorClient.sessionRecord.get.query({ sessionId: w.sessionId });
    expect(staffView.privateNote).toBeNull();
    const admin = await makeUser(t.deps.db, { admin: true });
    const adminView = await (await data.clientFor(admin.id)).sessionRecord.get.query({ sessionId: w.sessionId });
    for (const view of [menteeView, staffView, adminView]) expect(JSON.stringify(view)).not.toContain("anxious");

    // The mentee's own note is separate; staff cannot write one.
    await w.menteeClient.sessionRecord.savePrivateNote.mutate({ sessionId: w.sessionId, body: "Ask about salary", updatedAt: null });
    expect((await w.mentorClient.sessionRecord.get.query({ sessionId: w.sessionId })).privateNote?.body).toBe(secret);
    expect(
      (await errorOf(w.coordinatorClient.sessionRecord.savePrivateNote.mutate({ sessionId: w.sessionId, body: "x", updatedAt: null })))
        .appCode,
    ).toBe("FORBIDDEN");
    // A second tab holding the old version is refused.
    expect(
      (await errorOf(w.mentorClient.sessionRecord.savePrivateNote.mutate({ sessionId: w.sessionId, body: "older", updatedAt: null })))
        .appCode,
    ).toBe("CONFLICT");
  });
});

describe("resources", () => {
  it("a link needs a title and an http(s) address, and the bad field is named", async () => {
    const w = await booked();
    for (const url of ["not a url", "javascript:alert(1)", "ftp://example.org/file"]) {
      const err = await errorOf(w.menteeClient.sessionRecord.addLink.mutate({ sessionId: w.sessionId, title: "Guide", url }));
      expect(err.appCode).toBe("VALIDATION");
      expect(err.fieldErrors.url?.[0]).toBe("Enter a web address starting with http:// or https://.");
    }
    const noTitle = await errorOf(
      w.menteeClient.sessionRecord.addLink.mutate({ sessionId: w.sessionId, title: " ", url: "https://example.org" }),
    );
    expect(Object.keys(noTitle.fieldErrors)).toEqual(["title"]);
    await w.menteeClient.sessionRecord.addLink.mutate({
      sessionId: w.sessionId,
      title: "Interview guide",
      url: "https://example.org/guide",
    });
    const view = await w.mentorClient.sessionRecord.get.query({ sessionId: w.sessionId });
    expect(view.resources).toMatchObject([
      { kind: "link", title: "Interview guide", url: "https://example.org/guide", addedBy: { name: "Ned Mentee" } },
    ]);
    expect(view.resources[0]?.canRemove).toBe(false);
  });

  it("its adder or staff remove a resource; the other participant may not", async () => {
    const w = await booked();
    const link = await w.mentorClient.sessionRecord.addLink.mutate({ sessionId: w.sessionId, title: "A", url: "https://example.org/a" });
    const other = await w.mentorClient.sessionRecord.addLink.mutate({ sessionId: w.sessionId, title: "B", url: "https://example.org/b" });
    expect((await errorOf(w.menteeClient.sessionRecord.removeResource.mutate({ resourceId: link.id }))).appCode).toBe("FORBIDDEN");
    await w.mentorClient.sessionRecord.removeResource.mutate({ resourceId: link.id });
    await w.coordinatorClient.sessionRecord.removeResource.mutate({ resourceId: other.id });
    expect((await w.menteeClient.sessionRecord.get.query({ sessionId: w.sessionId })).resources).toEqual([]);
  });

  it("a file's type is read from its bytes; participants and staff download it, nobody else", async () => {
    const w = await booked();
    const text = await upload(w.menteeClient, { sessionId: w.sessionId, filename: "notes.pdf" }, "just text, not a PDF");
    expect(text.status).toBe(400);
    expect(text.json.error?.fieldErrors?.file?.[0]).toBe("Upload a PDF, Word (.docx), PNG or JPEG file.");

    const outsider = await data.outsider();
    expect((await upload(outsider.client, { sessionId: w.sessionId, filename: "x.png" }, PNG)).status).toBe(404);

    const ok = await upload(w.menteeClient, { sessionId: w.sessionId, filename: "whiteboard.png" }, PNG);
    expect(ok.status).toBe(200);
    const url = ok.json.url as string;
    const view = await w.mentorClient.sessionRecord.get.query({ sessionId: w.sessionId });
    expect(view.resources).toMatchObject([{ kind: "file", title: "whiteboard.png", url, contentType: "image/png", byteSize: PNG.length }]);

    for (const reader of [w.mentorClient, w.coordinatorClient]) {
      const res = await download(reader, url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(res.headers.get("content-disposition")).toContain("attachment");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
    }
    expect((await download(outsider.client, url)).status).toBe(404);

    // Removing the resource removes the bytes too.
    const [row] = await t.deps.db
      .select({ key: sessionResources.fileKey })
      .from(sessionResources)
      .where(eq(sessionResources.sessionId, w.sessionId));
    await w.menteeClient.sessionRecord.removeResource.mutate({ resourceId: ok.json.resourceId as string });
    expect(await t.deps.files.get(row?.key as string)).toBeNull();
    expect((await download(w.mentorClient, url)).status).toBe(404);
  });
});

describe("action items", () => {
  it("an item has an owner in the session, is ticked by who did it, and shows in the owner's open list until done", async () => {
    const w = await booked();
    const stranger = await makeUser(t.deps.db);
    const bad = await errorOf(
      w.mentorClient.sessionRecord.addActionItem.mutate({ sessionId: w.sessionId, title: "Update CV", ownerId: stranger.id, dueOn: null }),
    );
    expect(Object.keys(bad.fieldErrors)).toEqual(["ownerId"]);
    const badDate = await errorOf(
      w.mentorClient.sessionRecord.addActionItem.mutate({
        sessionId: w.sessionId,
        title: "Update CV",
        ownerId: w.mentee.id,
        dueOn: "next week",
      }),
    );
    expect(Object.keys(badDate.fieldErrors)).toEqual(["dueOn"]);

    const item = await w.mentorClient.sessionRecord.addActionItem.mutate({
      sessionId: w.sessionId,
      title: "Update CV",
      ownerId: w.mentee.id,
      dueOn: "2026-03-12",
    });
    await w.mentorClient.sessionRecord.addActionItem.mutate({
      sessionId: w.sessionId,
      title: "Send contacts",
      ownerId: w.mentor.id,
      dueOn: null,
    });
    const mine = await w.menteeClient.sessionRecord.myActionItems.query();
    expect(mine).toMatchObject([
      { id: item.id, title: "Update CV", dueOn: "2026-03-12", sessionId: w.sessionId, sessionTitle: "Session with Mia Mentor" },
    ]);
    expect((await w.mentorClient.sessionRecord.myActionItems.query()).map((i) => i.title)).toEqual(["Send contacts"]);

    t.clock.set("2026-03-06T09:00:00Z");
    await w.menteeClient.sessionRecord.setActionItemDone.mutate({ itemId: item.id, done: true });
    const view = await w.coordinatorClient.sessionRecord.get.query({ sessionId: w.sessionId });
    const done = view.actionItems.find((i) => i.id === item.id);
    expect(done?.doneBy?.name).toBe("Ned Mentee");
    expect(done?.doneAt?.toISOString()).toBe("2026-03-06T09:00:00.000Z");
    expect(await w.menteeClient.sessionRecord.myActionItems.query()).toEqual([]);

    await w.mentorClient.sessionRecord.setActionItemDone.mutate({ itemId: item.id, done: false });
    expect((await w.menteeClient.sessionRecord.myActionItems.query()).map((i) => i.id)).toEqual([item.id]);
    expect((await errorOf(w.coordinatorClient.sessionRecord.setActionItemDone.mutate({ itemId: item.id, done: true }))).appCode).toBe(
      "FORBIDDEN",
    );
  });
});
