import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matches } from "../../../db/schema/matching";
import { notifications } from "../../../db/schema/notifications";
import { checklistProgress, codeOfConductVersions, membershipDocuments, programMemberships } from "../../../db/schema/programs";
import { mentorProfiles } from "../../../db/schema/users";
import { enrol, makeProgram, makeUser, sessionTokenFor } from "../../test-support/factories";
import { type BrowserLikeClient, errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const COC = "Be kind, be on time, keep what you hear confidential.";

type Person = { id: string; email: string; name: string; browser: BrowserLikeClient; cookie: string };

async function person(programId: string, role: "mentor" | "mentee" | "coordinator", status: "active" | "pending" = "active") {
  const u = await makeUser(t.deps.db);
  const membership = await enrol(t.deps.db, programId, u.id, role, status);
  // A session straight from the factory: signing in through the form would hit the per-IP sign-in throttle.
  const token = await sessionTokenFor(t.deps.db, t.clock, u.id);
  const browser = t.client();
  jarOf(browser).cookies.set("session", token);
  const cookie = `session=${token}`;
  return { ...u, browser, cookie, membershipId: membership.id } satisfies Person & { membershipId: string };
}

/** A program with a coordinator and a mentor, and a checklist the coordinator sets up. */
async function programWith(checklist: {
  codeOfConduct?: boolean;
  documents?: { kind: string; label: string; required: boolean }[];
  trainingUrl?: string | null;
  backgroundCheck?: boolean;
}) {
  const program = await makeProgram(t.deps.db);
  const coordinator = await person(program.id, "coordinator");
  const mentor = await person(program.id, "mentor");
  if (checklist.codeOfConduct) await coordinator.browser.onboarding.publishCodeOfConduct.mutate({ programId: program.id, body: COC });
  await coordinator.browser.onboarding.setChecklist.mutate({
    programId: program.id,
    codeOfConduct: checklist.codeOfConduct ?? false,
    documents: checklist.documents ?? [],
    trainingUrl: checklist.trainingUrl ?? null,
    backgroundCheck: checklist.backgroundCheck ?? false,
  });
  return { program, coordinator, mentor };
}

async function upload(who: { cookie: string }, params: Record<string, string>, body: Uint8Array | string) {
  const res = await fetch(`${t.url}/uploads/document?${new URLSearchParams(params)}`, {
    method: "POST",
    headers: { cookie: who.cookie, "content-type": "application/pdf" },
    body,
  });
  const json = (await res.json()) as { documentId?: string; url?: string; error?: { code: string; fieldErrors: Record<string, string[]> } };
  return { status: res.status, json };
}

async function readyAt(membershipId: string) {
  const [m] = await t.deps.db
    .select({ readyAt: programMemberships.readyAt })
    .from(programMemberships)
    .where(eq(programMemberships.id, membershipId));
  return m?.readyAt ?? null;
}

async function notificationsOf(userId: string, type: string) {
  return t.deps.db
    .select({ data: notifications.data, link: notifications.link })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, type)));
}

describe("intake", () => {
  it("a mentee saves skills, windows, ways of meeting and urgency, and reads them back", async () => {
    const program = await makeProgram(t.deps.db);
    const mentee = await person(program.id, "mentee", "pending");
    await mentee.browser.onboarding.saveIntake.mutate({
      programId: program.id,
      role: "mentee",
      skills: ["  TypeScript ", "Public speaking"],
      goals: "Lead a team within a year",
      availability: [{ weekday: 2, start: "18:00", end: "20:00" }],
      communication: ["video", "chat"],
      urgency: "high",
    });
    const intake = await mentee.browser.onboarding.myIntake.query({ programId: program.id });
    expect(intake).toMatchObject({
      role: "mentee",
      membershipStatus: "pending",
      saved: true,
      skills: ["TypeScript", "Public speaking"],
      availability: [{ weekday: 2, start: "18:00", end: "20:00" }],
      communication: ["video", "chat"],
      urgency: "high",
      capacity: null,
    });
  });

  it("bad answers are refused with the field named: no skills, a broken window end, an unknown way of meeting", async () => {
    const program = await makeProgram(t.deps.db);
    const mentee = await person(program.id, "mentee");
    const base = { programId: program.id, role: "mentee" as const, skills: ["Go"] };
    expect((await errorOf(mentee.browser.onboarding.saveIntake.mutate({ ...base, skills: [] }))).fieldErrors.skills).toBeDefined();
    const windows = [
      { weekday: 1, start: "09:00", end: "10:00" },
      { weekday: 2, start: "09:00", end: "10:00" },
      { weekday: 3, start: "09:00", end: "25:00" },
    ];
    const bad = await errorOf(mentee.browser.onboarding.saveIntake.mutate({ ...base, availability: windows }));
    expect(bad.appCode).toBe("VALIDATION");
    expect(Object.keys(bad.fieldErrors)).toEqual(["availability.2.end"]);
    const mode = await errorOf(mentee.browser.onboarding.saveIntake.mutate({ ...base, communication: ["carrier-pigeon" as "video"] }));
    expect(Object.keys(mode.fieldErrors)[0]).toMatch(/^communication/);
    expect((await mentee.browser.onboarding.myIntake.query({ programId: program.id })).saved).toBe(false);
  });

  it("a mentor's intake starts from the profile's expertise and capacity", async () => {
    const program = await makeProgram(t.deps.db);
    const mentor = await person(program.id, "mentor");
    await t.deps.db.insert(mentorProfiles).values({ userId: mentor.id, expertise: ["Rust", "Kubernetes"], defaultCapacity: 4 });
    const intake = await mentor.browser.onboarding.myIntake.query({ programId: program.id });
    expect(intake).toMatchObject({ role: "mentor", saved: false, skills: ["Rust", "Kubernetes"], capacity: 4 });
  });

  it("a mentor cannot set capacity below their live matches in the program, and must give one", async () => {
    const program = await makeProgram(t.deps.db);
    const mentor = await person(program.id, "mentor");
    for (let i = 0; i < 3; i++) {
      const mentee = await makeUser(t.deps.db);
      await enrol(t.deps.db, program.id, mentee.id, "mentee");
      await t.deps.db.insert(matches).values({ programId: program.id, mentorId: mentor.id, menteeId: mentee.id, source: "manual" });
    }
    const base = { programId: program.id, role: "mentor" as const, skills: ["Design"] };
    const low = await errorOf(mentor.browser.onboarding.saveIntake.mutate({ ...base, capacity: 2 }));
    expect(low.appCode).toBe("VALIDATION");
    expect(low.fieldErrors.capacity?.[0]).toMatch(/already mentor 3/);
    expect((await errorOf(mentor.browser.onboarding.saveIntake.mutate(base))).fieldErrors.capacity).toBeDefined();
    await mentor.browser.onboarding.saveIntake.mutate({ ...base, capacity: 3 });
    expect(await mentor.browser.onboarding.myIntake.query({ programId: program.id })).toMatchObject({ capacity: 3, liveMatches: 3 });
  });

  it("someone outside the program has no intake there", async () => {
    const program = await makeProgram(t.deps.db);
    const other = await makeProgram(t.deps.db);
    const stranger = await person(other.id, "mentee");
    expect((await errorOf(stranger.browser.onboarding.myIntake.query({ programId: program.id }))).appCode).toBe("NOT_FOUND");
  });
});

describe("code of conduct", () => {
  it("publishing creates numbered versions; the mentor agrees to the latest and the time is recorded", async () => {
    const { program, coordinator, mentor } = await programWith({ codeOfConduct: true });
    expect(
      (await coordinator.browser.onboarding.publishCodeOfConduct.mutate({ programId: program.id, body: `${COC} Version two.` })).version,
    ).toBe(2);
    const config = await coordinator.browser.onboarding.checklistConfig.query({ programId: program.id });
    expect(config.versions.map((v) => v.version)).toEqual([2, 1]);

    const stale = await errorOf(mentor.browser.onboarding.acknowledgeCodeOfConduct.mutate({ programId: program.id, version: 1 }));
    expect(stale.appCode).toBe("CONFLICT");
    t.clock.advance(60_000);
    const at = t.clock.now();
    await mentor.browser.onboarding.acknowledgeCodeOfConduct.mutate({ programId: program.id, version: 2 });
    const list = await mentor.browser.onboarding.myChecklist.query({ programId: program.id });
    expect(list.codeOfConduct?.version).toBe(2);
    expect(list.steps[0]).toMatchObject({ step: "code_of_conduct", status: "submitted", acknowledgedVersion: 2, completedAt: at });
    const queue = await coordinator.browser.onboarding.reviewQueue.query({ programId: program.id });
    expect(queue).toEqual([
      expect.objectContaining({ membershipId: mentor.membershipId, step: "code_of_conduct", acknowledgedVersion: 2 }),
    ]);
    expect(await notificationsOf(coordinator.id, "checklist.submitted")).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ step: "Code of conduct", mentorName: mentor.name }) }),
    ]);
  });

  it("a new version sends a not-yet-ready mentor back to agree, while a ready mentor stays ready and is told there is a new text", async () => {
    const { program, coordinator, mentor } = await programWith({ codeOfConduct: true });
    const waiting = await person(program.id, "mentor");
    for (const m of [mentor, waiting]) await m.browser.onboarding.acknowledgeCodeOfConduct.mutate({ programId: program.id, version: 1 });
    await coordinator.browser.onboarding.review.mutate({
      programId: program.id,
      items: [{ membershipId: mentor.membershipId, step: "code_of_conduct" }],
      outcome: "approved",
    });
    expect(await readyAt(mentor.membershipId)).not.toBeNull();

    await coordinator.browser.onboarding.publishCodeOfConduct.mutate({ programId: program.id, body: `${COC} Now with a privacy section.` });
    const ready = await mentor.browser.onboarding.myChecklist.query({ programId: program.id });
    expect(ready.readyAt).not.toBeNull();
    expect(ready.newVersionToAcknowledge).toBe(true);
    expect(ready.steps[0]?.status).toBe("approved");
    const notReady = await waiting.browser.onboarding.myChecklist.query({ programId: program.id });
    expect(notReady.steps[0]).toMatchObject({ status: "todo", acknowledgedVersion: 1 });
    expect(notReady.steps[0]?.note).toMatch(/Version 2/);

    await mentor.browser.onboarding.acknowledgeCodeOfConduct.mutate({ programId: program.id, version: 2 });
    const after = await mentor.browser.onboarding.myChecklist.query({ programId: program.id });
    expect(after).toMatchObject({ newVersionToAcknowledge: false });
    expect(after.steps[0]).toMatchObject({ status: "approved", acknowledgedVersion: 2 });
  });

  it("the code of conduct cannot be switched on before a text is published", async () => {
    const program = await makeProgram(t.deps.db);
    const coordinator = await person(program.id, "coordinator");
    const err = await errorOf(
      coordinator.browser.onboarding.setChecklist.mutate({
        programId: program.id,
        codeOfConduct: true,
        documents: [],
        trainingUrl: null,
        backgroundCheck: false,
      }),
    );
    expect(err.fieldErrors.codeOfConduct).toBeDefined();
    const http = await errorOf(
      coordinator.browser.onboarding.setChecklist.mutate({
        programId: program.id,
        codeOfConduct: false,
        documents: [],
        trainingUrl: "http://example.com/course",
        backgroundCheck: false,
      }),
    );
    expect(http.fieldErrors.trainingUrl?.[0]).toMatch(/https/);
  });
});

describe("documents", () => {
  const kinds = [
    { kind: "cv", label: "CV", required: true },
    { kind: "certificate", label: "Certificate", required: false },
  ];

  it("a PDF is stored and the step is submitted once every required kind has a file; wrong types and big files name the field", async () => {
    const { program, coordinator, mentor } = await programWith({ documents: kinds });
    const fake = await upload(mentor, { programId: program.id, kind: "cv", filename: "cv.pdf" }, "<html><script>alert(1)</script>");
    expect(fake.status).toBe(400);
    expect(fake.json.error?.fieldErrors.file?.[0]).toMatch(/PDF/);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(pdf);
    const tooBig = await upload(mentor, { programId: program.id, kind: "cv", filename: "cv.pdf" }, big);
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.error?.fieldErrors.file?.[0]).toMatch(/5 MB/);
    const unknownKind = await upload(mentor, { programId: program.id, kind: "passport", filename: "p.pdf" }, pdf);
    expect(unknownKind.json.error?.fieldErrors.kind).toBeDefined();
    expect(await t.deps.db.select().from(membershipDocuments).where(eq(membershipDocuments.membershipId, mentor.membershipId))).toEqual([]);

    const optional = await upload(mentor, { programId: program.id, kind: "certificate", filename: "first-aid.pdf" }, pdf);
    expect(optional.status).toBe(200);
    expect((await mentor.browser.onboarding.myChecklist.query({ programId: program.id })).steps[0]?.status).toBe("todo");
    const cv = await upload(mentor, { programId: program.id, kind: "cv", filename: "Zoë CV.pdf" }, pdf);
    expect(cv.status).toBe(200);
    const list = await mentor.browser.onboarding.myChecklist.query({ programId: program.id });
    expect(list.steps[0]?.status).toBe("submitted");
    expect(list.documentKinds[0]?.files[0]).toMatchObject({ filename: "Zoë CV.pdf", contentType: "application/pdf" });
    const queue = await coordinator.browser.onboarding.reviewQueue.query({ programId: program.id });
    expect(queue[0]?.documents.map((d) => d.filename)).toEqual(["first-aid.pdf", "Zoë CV.pdf"]);

    // Removing the only CV before approval takes the step back to "todo".
    await mentor.browser.onboarding.removeDocument.mutate({ programId: program.id, documentId: cv.json.documentId as string });
    expect((await mentor.browser.onboarding.myChecklist.query({ programId: program.id })).steps[0]?.status).toBe("todo");
  });

  it("only the uploader, the program's coordinators and admins can download a document; others get 404", async () => {
    const { program, coordinator, mentor } = await programWith({ documents: kinds });
    const { json } = await upload(mentor, { programId: program.id, kind: "cv", filename: "my cv.pdf" }, pdf);
    const url = `${t.url}${json.url}`;
    for (const who of [mentor, coordinator]) {
      const res = await fetch(url, { headers: { cookie: who.cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toContain("attachment;");
      expect(res.headers.get("content-disposition")).toContain("my%20cv.pdf");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(pdf);
    }
    const admin = await makeUser(t.deps.db, { admin: true });
    expect((await fetch(url, { headers: { cookie: `session=${await sessionTokenFor(t.deps.db, t.clock, admin.id)}` } })).status).toBe(200);
    const mentee = await person(program.id, "mentee");
    const otherProgram = await makeProgram(t.deps.db);
    const otherCoordinator = await person(otherProgram.id, "coordinator");
    for (const who of [mentee, otherCoordinator]) expect((await fetch(url, { headers: { cookie: who.cookie } })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);
  });
});

describe("review and readiness", () => {
  it("approving and rejecting notify the mentor; readiness comes only when every required step is approved", async () => {
    const { program, coordinator, mentor } = await programWith({
      codeOfConduct: true,
      trainingUrl: "https://learn.example.org/mentoring-101",
      backgroundCheck: true,
    });
    await mentor.browser.onboarding.acknowledgeCodeOfConduct.mutate({ programId: program.id, version: 1 });
    await mentor.browser.onboarding.markTrainingDone.mutate({ programId: program.id });
    await coordinator.browser.onboarding.review.mutate({
      programId: program.id,
      items: [{ membershipId: mentor.membershipId, step: "training" }],
      outcome: "rejected",
      note: "The course shows as not finished.",
    });
    expect(await notificationsOf(mentor.id, "checklist.reviewed")).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ step: "Training", outcome: "rejected", note: "The course shows as not finished." }),
      }),
    ]);
    // A rejected step can be redone.
    t.clock.advance(60_000);
    await mentor.browser.onboarding.markTrainingDone.mutate({ programId: program.id });
    const queue = await coordinator.browser.onboarding.reviewQueue.query({ programId: program.id });
    expect(queue.map((q) => q.step).sort()).toEqual(["background_check", "code_of_conduct", "training"]);

    await coordinator.browser.onboarding.review.mutate({
      programId: program.id,
      items: queue.filter((q) => q.step !== "background_check").map((q) => ({ membershipId: q.membershipId, step: q.step })),
      outcome: "approved",
    });
    expect(await readyAt(mentor.membershipId)).toBeNull();
    t.clock.advance(60_000);
    const failed = await coordinator.browser.onboarding.review.mutate({
      programId: program.id,
      items: [{ membershipId: mentor.membershipId, step: "background_check" }],
      outcome: "rejected",
      note: "Check returned a flag; call us.",
    });
    expect(failed.nowReady).toBe(0);
    t.clock.advance(60_000);
    const passed = await coordinator.browser.onboarding.review.mutate({
      programId: program.id,
      items: [{ membershipId: mentor.membershipId, step: "background_check" }],
      outcome: "approved",
    });
    expect(passed.nowReady).toBe(1);
    expect(await readyAt(mentor.membershipId)).toEqual(t.clock.now());
    const outcomes = (await notificationsOf(mentor.id, "checklist.reviewed")).map((n) => (n.data as Record<string, string>).outcome);
    expect(outcomes).toContain("complete: you can now be matched");
    expect(outcomes.filter((o) => o === "approved")).toHaveLength(3);
    expect(await coordinator.browser.onboarding.reviewQueue.query({ programId: program.id })).toEqual([]);
  });

  it("a rejection needs a note", async () => {
    const { program, coordinator, mentor } = await programWith({ backgroundCheck: true });
    const err = await errorOf(
      coordinator.browser.onboarding.review.mutate({
        programId: program.id,
        items: [{ membershipId: mentor.membershipId, step: "background_check" }],
        outcome: "rejected",
      }),
    );
    expect(err.fieldErrors.note).toBeDefined();
  });

  it("a newly required step clears readiness, and removing it restores it", async () => {
    const { program, coordinator, mentor } = await programWith({ backgroundCheck: true });
    await coordinator.browser.onboarding.review.mutate({
      programId: program.id,
      items: [{ membershipId: mentor.membershipId, step: "background_check" }],
      outcome: "approved",
    });
    expect(await readyAt(mentor.membershipId)).not.toBeNull();
    const withTraining = { programId: program.id, codeOfConduct: false, documents: [], backgroundCheck: true };
    await coordinator.browser.onboarding.setChecklist.mutate({ ...withTraining, trainingUrl: "https://learn.example.org/course" });
    expect(await readyAt(mentor.membershipId)).toBeNull();
    await coordinator.browser.onboarding.setChecklist.mutate({ ...withTraining, trainingUrl: null });
    expect(await readyAt(mentor.membershipId)).not.toBeNull();
  });

  it("a bulk review with a mentor from another program writes nothing", async () => {
    const { program, coordinator, mentor } = await programWith({ backgroundCheck: true });
    const other = await programWith({ backgroundCheck: true });
    const err = await errorOf(
      coordinator.browser.onboarding.review.mutate({
        programId: program.id,
        items: [
          { membershipId: mentor.membershipId, step: "background_check" },
          { membershipId: other.mentor.membershipId, step: "background_check" },
        ],
        outcome: "approved",
      }),
    );
    expect(err.appCode).toBe("VALIDATION");
    expect(err.fieldErrors["items.1.membershipId"]).toBeDefined();
    const rows = await t.deps.db.select().from(checklistProgress).where(eq(checklistProgress.membershipId, mentor.membershipId));
    expect(rows).toEqual([]);
    expect(await readyAt(mentor.membershipId)).toBeNull();
    expect(await notificationsOf(mentor.id, "checklist.reviewed")).toEqual([]);
    // The other program's coordinator cannot review this program at all.
    expect((await errorOf(other.coordinator.browser.onboarding.reviewQueue.query({ programId: program.id }))).appCode).toBe("FORBIDDEN");
  });

  it("versions are numbered per program", async () => {
    const a = await programWith({ codeOfConduct: true });
    const b = await programWith({ codeOfConduct: true });
    const rows = await t.deps.db
      .select({ programId: codeOfConductVersions.programId, version: codeOfConductVersions.version })
      .from(codeOfConductVersions);
    expect(rows.filter((r) => r.programId === a.program.id || r.programId === b.program.id).map((r) => r.version)).toEqual([1, 1]);
  });
});
