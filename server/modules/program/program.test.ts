import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devMessages, notifications, notificationTemplates } from "../../../db/schema/notifications";
import { codeOfConductVersions, programMemberships, programs } from "../../../db/schema/programs";
import { auditLog } from "../../../db/schema/users";
import { silentLogger } from "../../logger";
import { enrol, makeUser, sessionTokenFor } from "../../test-support/factories";
import { errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";

let t: TestApp;
let admin: { id: string; email: string };
beforeAll(async () => {
  t = await startTestApp();
  admin = await makeUser(t.deps.db, { admin: true, name: "Ada Admin" });
});
afterAll(async () => {
  await t?.close();
});

async function signedInAs(userId: string) {
  const client = t.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(t.deps.db, t.clock, userId));
  return client;
}

let slugCounter = 0;
const slug = (base: string) => `${base}-${Date.now().toString(36)}-${slugCounter++}`;

async function programRow(id: string) {
  const [p] = await t.deps.db.select().from(programs).where(eq(programs.id, id));
  if (!p) throw new Error("program missing");
  return p;
}

async function notificationsOf(userId: string, type: string) {
  return t.deps.db
    .select({ title: notifications.title, body: notifications.body, programId: notifications.programId })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, type)));
}

async function membership(programId: string, userId: string) {
  return t.deps.db
    .select()
    .from(programMemberships)
    .where(and(eq(programMemberships.programId, programId), eq(programMemberships.userId, userId)));
}

/** A program with a coordinator, created by the admin through the API. */
async function programWithCoordinator(settings: Record<string, unknown> = {}) {
  const a = await signedInAs(admin.id);
  const { id } = await a.program.create.mutate({ name: "Data Mentoring", slug: slug("data"), ...settings });
  const coordinator = await makeUser(t.deps.db, { name: "Cora Coordinator" });
  await a.program.addMember.mutate({ programId: id, email: coordinator.email, role: "coordinator" });
  return { id, admin: a, coordinator, coord: await signedInAs(coordinator.id) };
}

describe("program settings", () => {
  it("an admin creates a program with every setting and reads them back; defaults fill the rest", async () => {
    const a = await signedInAs(admin.id);
    const { id } = await a.program.create.mutate({
      name: "Cohort 2027",
      slug: slug("cohort"),
      type: "group",
      joinMode: "invite_code",
      requiresApproval: true,
      matchingMode: "cohort",
      weights: { skills: 50, availability: 30, communication: 10, capacity: 10 },
      minScore: 40,
      sessionMinutes: 45,
      startsOn: "2027-01-10",
      endsOn: "2027-06-30",
    });
    const p = await a.program.get.query({ programId: id });
    expect(p).toMatchObject({
      type: "group",
      joinMode: "invite_code",
      requiresApproval: true,
      matchingMode: "cohort",
      weights: { skills: 50, availability: 30, communication: 10, capacity: 10 },
      minScore: 40,
      suggestionCount: 3,
      requestDeadlineHours: 72,
      requestReminderHours: 48,
      openRequestLimit: 3,
      sessionMinutes: 45,
      startsOn: "2027-01-10",
      endsOn: "2027-06-30",
    });
    expect(p.reminderOffsets.map((o) => o.minutesBefore)).toEqual([2880, 1440, 60, 15]);
    expect(p.invite?.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(p.invite?.link).toContain(`/join/${p.invite?.token}`);
  });

  it("weights that do not add up are refused naming the weights, and nothing is saved", async () => {
    const { id, coord } = await programWithCoordinator();
    const before = await programRow(id);
    const sum = await errorOf(
      coord.program.update.mutate({
        programId: id,
        minScore: 70,
        weights: { skills: 50, availability: 20, communication: 10, capacity: 10 },
      }),
    );
    expect(sum.appCode).toBe("VALIDATION");
    expect(sum.fieldErrors.weights?.[0]).toContain("add up to 100; these add up to 90");
    const fraction = await errorOf(
      coord.program.update.mutate({ programId: id, weights: { skills: 59.5, availability: 20.5, communication: 10, capacity: 10 } }),
    );
    expect(Object.keys(fraction.fieldErrors)).toEqual(expect.arrayContaining(["weights.skills", "weights.availability"]));
    const after = await programRow(id);
    expect(after.minScore).toBe(before.minScore);
    expect(after.weights).toEqual(before.weights);
  });

  it("a reminder at or after the deadline, an end before the start and out-of-range numbers each name their field", async () => {
    const { id, coord } = await programWithCoordinator();
    const reminder = await errorOf(coord.program.update.mutate({ programId: id, requestReminderHours: 72 }));
    expect(reminder.fieldErrors.requestReminderHours?.[0]).toContain("before the deadline");
    // The rule is checked against the saved values too: a shorter deadline alone cannot pass the reminder.
    const deadline = await errorOf(coord.program.update.mutate({ programId: id, requestDeadlineHours: 24 }));
    expect(deadline.fieldErrors.requestReminderHours).toBeDefined();
    const dates = await errorOf(coord.program.update.mutate({ programId: id, startsOn: "2027-05-01", endsOn: "2027-04-30" }));
    expect(dates.fieldErrors.endsOn?.[0]).toBe("The end date must be on or after the start date.");
    const ranges = await errorOf(
      coord.program.update.mutate({
        programId: id,
        minScore: 101,
        suggestionCount: 0,
        requestDeadlineHours: 721,
        openRequestLimit: 11,
        sessionMinutes: 10,
        sessionsPerMatch: 0,
      }),
    );
    expect(ranges.appCode).toBe("VALIDATION");
    expect(Object.keys(ranges.fieldErrors).sort()).toEqual(
      ["minScore", "openRequestLimit", "requestDeadlineHours", "sessionMinutes", "sessionsPerMatch", "suggestionCount"].sort(),
    );
    const offsets = await errorOf(
      coord.program.update.mutate({
        programId: id,
        reminderOffsets: [
          { minutesBefore: 60, channels: ["email"] },
          { minutesBefore: 60, channels: [] },
        ],
      }),
    );
    expect(offsets.fieldErrors["reminderOffsets.1.channels"]?.[0]).toBe("Choose at least one channel.");
    const p = await programRow(id);
    expect([p.requestReminderHours, p.requestDeadlineHours, p.startsOn, p.minScore]).toEqual([48, 72, null, 0]);
  });

  it("a coordinator saves settings and reminder offsets; the address and status stay with admins", async () => {
    const { id, coord } = await programWithCoordinator();
    await coord.program.update.mutate({
      programId: id,
      requestDeadlineHours: 24,
      requestReminderHours: 12,
      suggestionCount: 5,
      reminderOffsets: [
        { minutesBefore: 1440, channels: ["email", "sms"] },
        { minutesBefore: 30, channels: ["in_app"] },
      ],
    });
    const p = await coord.program.get.query({ programId: id });
    expect([p.requestDeadlineHours, p.requestReminderHours, p.suggestionCount]).toEqual([24, 12, 5]);
    expect(p.reminderOffsets).toEqual([
      { minutesBefore: 1440, channels: ["email", "sms"] },
      { minutesBefore: 30, channels: ["in_app"] },
    ]);
    expect((await errorOf(coord.program.update.mutate({ programId: id, slug: slug("mine") }))).appCode).toBe("FORBIDDEN");
    const [entry] = await t.deps.db
      .select({ programId: auditLog.programId })
      .from(auditLog)
      .where(and(eq(auditLog.action, "program.update"), eq(auditLog.targetId, id)));
    expect(entry?.programId).toBe(id);
  });

  it("a slug already in use is a conflict on the slug field", async () => {
    const a = await signedInAs(admin.id);
    const taken = slug("taken");
    await a.program.create.mutate({ name: "First", slug: taken });
    const err = await errorOf(a.program.create.mutate({ name: "Second", slug: taken }));
    expect(err.appCode).toBe("CONFLICT");
    expect(err.fieldErrors.slug?.[0]).toBe("Another program already uses this address.");
    const format = await errorOf(a.program.create.mutate({ name: "Third", slug: "Not A Slug!" }));
    expect(format.fieldErrors.slug).toBeDefined();
  });

  it("only the program's members see it, and only its staff see the invite code", async () => {
    const { id, coord } = await programWithCoordinator();
    const mentee = await makeUser(t.deps.db);
    await enrol(t.deps.db, id, mentee.id, "mentee");
    const menteeClient = await signedInAs(mentee.id);
    expect((await menteeClient.program.get.query({ programId: id })).invite).toBeNull();
    expect((await coord.program.get.query({ programId: id })).invite?.code).toBeTruthy();
  });
});

describe("duplicate and archive", () => {
  it("a duplicate copies settings, checklist, the latest code of conduct and template overrides, but no members", async () => {
    const { id, admin: a } = await programWithCoordinator({ matchingMode: "reviewed", minScore: 55, sessionsPerMatch: 12 });
    await t.deps.db
      .update(programs)
      .set({
        checklist: {
          codeOfConduct: true,
          documents: [{ kind: "cv", label: "CV", required: true }],
          trainingUrl: null,
          backgroundCheck: false,
        },
      })
      .where(eq(programs.id, id));
    await t.deps.db.insert(codeOfConductVersions).values([
      { programId: id, version: 1, body: "Be kind." },
      { programId: id, version: 2, body: "Be kind and on time." },
    ]);
    await a.template.save.mutate({
      scope: id,
      type: "program.enrolled",
      channel: "email",
      subject: "Welcome to {{programName}}",
      body: "Hi",
    });

    const copySlug = slug("copy");
    const { id: copyId } = await a.program.duplicate.mutate({ programId: id, name: "Data Mentoring 2028", slug: copySlug });

    const [source, copy] = [await programRow(id), await programRow(copyId)];
    expect(copy).toMatchObject({ name: "Data Mentoring 2028", slug: copySlug, status: "draft", matchingMode: "reviewed", minScore: 55 });
    expect(copy.sessionsPerMatch).toBe(12);
    expect(copy.checklist).toEqual(source.checklist);
    expect(copy.inviteToken).not.toBe(source.inviteToken);
    expect(copy.inviteCode).not.toBe(source.inviteCode);
    const conduct = await t.deps.db.select().from(codeOfConductVersions).where(eq(codeOfConductVersions.programId, copyId));
    expect(conduct.map((c) => [c.version, c.body])).toEqual([[1, "Be kind and on time."]]);
    const templates = await t.deps.db.select().from(notificationTemplates).where(eq(notificationTemplates.scope, copyId));
    expect(templates.map((r) => r.subject)).toEqual(["Welcome to {{programName}}"]);
    expect(await t.deps.db.select().from(programMemberships).where(eq(programMemberships.programId, copyId))).toEqual([]);
    expect((await errorOf(a.program.duplicate.mutate({ programId: id, name: "Again", slug: copySlug }))).appCode).toBe("CONFLICT");
  });

  it("an archived program refuses joins and shows as archived until it is unarchived", async () => {
    const { id, admin: a } = await programWithCoordinator();
    await a.program.archive.mutate({ programId: id });
    expect((await a.program.get.query({ programId: id })).status).toBe("archived");
    const newcomer = await signedInAs((await makeUser(t.deps.db)).id);
    const refused = await errorOf(newcomer.program.join.mutate({ programId: id, role: "mentee" }));
    expect(refused.appCode).toBe("CONFLICT");
    expect(refused.message).toContain("no longer takes new members");
    expect((await newcomer.program.directory.query()).some((p) => p.id === id)).toBe(false);
    await a.program.unarchive.mutate({ programId: id });
    expect((await newcomer.program.join.mutate({ programId: id, role: "mentee" })).status).toBe("active");
  });
});

describe("joining", () => {
  it("an open program is listed to browse, and joining makes an active member who is told so", async () => {
    const { id } = await programWithCoordinator();
    const person = await makeUser(t.deps.db);
    const client = await signedInAs(person.id);
    expect((await client.program.directory.query()).find((p) => p.id === id)?.name).toBe("Data Mentoring");
    const result = await client.program.join.mutate({ programId: id, role: "mentor" });
    expect(result.status).toBe("active");
    const [m] = await membership(id, person.id);
    // The program's checklist asks for nothing, so the mentor can be matched at once.
    expect(m?.readyAt).not.toBeNull();
    expect((await notificationsOf(person.id, "program.enrolled"))[0]?.title).toBe("You joined Data Mentoring as mentor");
    expect((await client.program.list.query()).find((p) => p.id === id)?.myRoles).toEqual(["mentor"]);
    expect((await errorOf(client.program.join.mutate({ programId: id, role: "mentor" }))).appCode).toBe("CONFLICT");
  });

  it("a mentor joining a program whose checklist asks for steps is not ready yet", async () => {
    const { id } = await programWithCoordinator();
    await t.deps.db
      .update(programs)
      .set({ checklist: { codeOfConduct: true, documents: [], trainingUrl: null, backgroundCheck: false } })
      .where(eq(programs.id, id));
    const person = await makeUser(t.deps.db);
    await (await signedInAs(person.id)).program.join.mutate({ programId: id, role: "mentor" });
    expect((await membership(id, person.id))[0]?.readyAt).toBeNull();
  });

  it("joins by invite code typed loosely; a wrong code is an error on the code field", async () => {
    const { id, coord } = await programWithCoordinator({ joinMode: "invite_code" });
    const code = (await coord.program.get.query({ programId: id })).invite?.code ?? "";
    const person = await signedInAs((await makeUser(t.deps.db)).id);
    const wrong = await errorOf(person.program.join.mutate({ code: "ZZZZ-ZZZZ", role: "mentee" }));
    expect(wrong.appCode).toBe("VALIDATION");
    expect(wrong.fieldErrors.code?.[0]).toContain("No program uses this code");
    // Not open: the directory does not list it and joining by id is refused.
    expect((await errorOf(person.program.join.mutate({ programId: id, role: "mentee" }))).fieldErrors.programId).toBeDefined();
    const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `;
    expect((await person.program.joinPreview.query({ code: typed })).name).toBe("Data Mentoring");
    expect((await person.program.join.mutate({ code: typed, role: "mentee" })).programId).toBe(id);
  });

  it("a regenerated invite link stops the old one working", async () => {
    const { id, coord } = await programWithCoordinator({ joinMode: "invite_link" });
    const oldToken = (await coord.program.get.query({ programId: id })).invite?.token ?? "";
    const fresh = await coord.program.regenerateInvite.mutate({ programId: id, kind: "link" });
    expect(fresh.token).not.toBe(oldToken);
    const person = await signedInAs((await makeUser(t.deps.db)).id);
    const old = await errorOf(person.program.join.mutate({ token: oldToken, role: "mentee" }));
    expect(old.fieldErrors.token?.[0]).toContain("not valid any more");
    expect((await person.program.join.mutate({ token: fresh.token, role: "mentee" })).status).toBe("active");
  });

  it("joining a program that requires approval waits in the queue, and each coordinator is told", async () => {
    const { id, coordinator } = await programWithCoordinator({ requiresApproval: true });
    const person = await makeUser(t.deps.db, { name: "Priya Nair" });
    const client = await signedInAs(person.id);
    expect((await client.program.join.mutate({ programId: id, role: "mentee" })).status).toBe("pending");
    expect((await notificationsOf(coordinator.id, "program.join_requested"))[0]?.title).toBe("Priya Nair asked to join Data Mentoring");
    expect(await notificationsOf(person.id, "program.enrolled")).toEqual([]);
    // The member cannot open the program yet, but sees it waiting on the home page.
    expect((await errorOf(client.program.get.query({ programId: id }))).appCode).toBe("FORBIDDEN");
    expect((await client.program.list.query()).find((p) => p.id === id)?.myPendingRoles).toEqual(["mentee"]);
    expect((await errorOf(client.program.join.mutate({ programId: id, role: "mentee" }))).appCode).toBe("CONFLICT");
  });
});

describe("approval queue", () => {
  async function queueOf(n: number) {
    const p = await programWithCoordinator({ requiresApproval: true });
    const people = [];
    for (let i = 0; i < n; i++) {
      const u = await makeUser(t.deps.db, { name: `Applicant ${i}` });
      await (await signedInAs(u.id)).program.join.mutate({ programId: p.id, role: i === 0 ? "mentor" : "mentee" });
      people.push(u);
    }
    const queue = await p.coord.program.joinRequests.query({ programId: p.id });
    return { ...p, people, queue };
  }

  it("the coordinator sees each request with the person's card and approves one; the member is told", async () => {
    const { id, coord, people, queue } = await queueOf(1);
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ name: "Applicant 0", role: "mentor", email: people[0]?.email });
    await coord.program.decideMemberships.mutate({ programId: id, membershipIds: [queue[0]?.membershipId ?? ""], decision: "approve" });
    const [m] = await membership(id, people[0]?.id ?? "");
    expect(m?.status).toBe("active");
    expect(m?.readyAt).not.toBeNull();
    expect(m?.decidedAt).not.toBeNull();
    expect((await notificationsOf(people[0]?.id ?? "", "program.membership_decided"))[0]?.title).toBe(
      "Your request to join Data Mentoring was approved",
    );
    expect(await coord.program.joinRequests.query({ programId: id })).toEqual([]);
  });

  it("a bulk decline with a note reaches every applicant by email and is in the audit log", async () => {
    const { id, coord, people, queue } = await queueOf(3);
    const ids = queue.map((r) => r.membershipId);
    const result = await coord.program.decideMemberships.mutate({
      programId: id,
      membershipIds: ids,
      decision: "decline",
      note: "The program is full this term.",
    });
    expect(result.decided).toBe(3);
    for (const person of people) {
      const [m] = await membership(id, person.id);
      expect([m?.status, m?.decisionNote]).toEqual(["declined", "The program is full this term."]);
    }
    await createDeliveryWorker({
      db: t.deps.db,
      clock: t.clock,
      mailer: t.deps.mailer,
      logger: silentLogger,
      realtime: t.deps.realtime,
    }).drain();
    const [mail] = await t.deps.db
      .select()
      .from(devMessages)
      .where(eq(devMessages.to, people[2]?.email ?? ""));
    expect(mail?.subject).toBe("Your request to join Data Mentoring was declined");
    expect(mail?.text).toContain("The program is full this term.");
    const audits = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "program.membership_declined"), eq(auditLog.programId, id)));
    expect(audits).toHaveLength(3);

    // Declined people may ask again: the same membership row goes back to pending.
    const again = await signedInAs(people[1]?.id ?? "");
    expect((await again.program.join.mutate({ programId: id, role: "mentee" })).status).toBe("pending");
    expect(await membership(id, people[1]?.id ?? "")).toHaveLength(1);
  });

  it("a bulk decision with a membership from another program names it and changes nothing", async () => {
    const { id, coord, queue } = await queueOf(2);
    const other = await queueOf(1);
    const foreign = other.queue[0]?.membershipId ?? "";
    const err = await errorOf(
      coord.program.decideMemberships.mutate({
        programId: id,
        membershipIds: [queue[0]?.membershipId ?? "", foreign],
        decision: "approve",
      }),
    );
    expect(err.appCode).toBe("NOT_FOUND");
    expect(err.fieldErrors["membershipIds.1"]?.[0]).toContain(foreign);
    expect((await coord.program.joinRequests.query({ programId: id })).map((r) => r.membershipId).sort()).toEqual(
      queue.map((r) => r.membershipId).sort(),
    );
    expect(await other.coord.program.joinRequests.query({ programId: other.id })).toHaveLength(1);
  });

  it("another program's coordinator cannot see, decide or change program A", async () => {
    const a = await queueOf(1);
    const b = await programWithCoordinator();
    const id = a.queue[0]?.membershipId ?? "";
    expect((await errorOf(b.coord.program.joinRequests.query({ programId: a.id }))).appCode).toBe("FORBIDDEN");
    expect((await errorOf(b.coord.program.update.mutate({ programId: a.id, minScore: 10 }))).appCode).toBe("FORBIDDEN");
    expect((await errorOf(b.coord.program.regenerateInvite.mutate({ programId: a.id, kind: "code" }))).appCode).toBe("FORBIDDEN");
    // Passing their own program id with A's membership id does not reach A's member either.
    const crossed = await errorOf(b.coord.program.decideMemberships.mutate({ programId: b.id, membershipIds: [id], decision: "approve" }));
    expect(crossed.appCode).toBe("NOT_FOUND");
    expect((await membership(a.id, a.people[0]?.id ?? ""))[0]?.status).toBe("pending");
  });
});

describe("coordinators", () => {
  it("only admins appoint and remove coordinators; coordinators manage their own program's members", async () => {
    const { id, admin: a, coord, coordinator } = await programWithCoordinator();
    const someone = await makeUser(t.deps.db);
    const appoint = await errorOf(coord.program.addMember.mutate({ programId: id, email: someone.email, role: "coordinator" }));
    expect(appoint.fieldErrors.role?.[0]).toBe("Only platform administrators appoint coordinators.");
    await coord.program.addMember.mutate({ programId: id, email: someone.email, role: "mentee" });

    const roster = await a.program.members.query({ programId: id });
    const coordinatorRow = roster.find((m) => m.userId === coordinator.id);
    const menteeRow = roster.find((m) => m.userId === someone.id);
    expect(
      (
        await errorOf(
          coord.program.setMemberStatus.mutate({ programId: id, membershipId: coordinatorRow?.membershipId ?? "", status: "removed" }),
        )
      ).appCode,
    ).toBe("FORBIDDEN");
    await coord.program.setMemberStatus.mutate({ programId: id, membershipId: menteeRow?.membershipId ?? "", status: "removed" });
    await a.program.setMemberStatus.mutate({ programId: id, membershipId: coordinatorRow?.membershipId ?? "", status: "removed" });
    // The revoked coordinator loses access at once.
    expect((await errorOf(coord.program.members.query({ programId: id }))).appCode).toBe("FORBIDDEN");
    const audits = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "program.remove_coordinator"), eq(auditLog.programId, id)));
    expect(audits).toHaveLength(1);
  });
});
