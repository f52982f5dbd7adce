/**
 * The coordinator board and match lifecycle through the real app: requests by age with stuck flags, reviewed
 * suggestions, manual matching with capacity override, never-pair rules, status changes with history,
 * rematch, who may see a match, the program audit log, and the live signal to a coordinator's socket.
 */
import { and, eq, inArray } from "drizzle-orm";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matches, matchRequests, matchSuggestions } from "../../../db/schema/matching";
import { notifications } from "../../../db/schema/notifications";
import { programIntakes, programMemberships, programs } from "../../../db/schema/programs";
import type { ClientToServerEvents, ServerToClientEvents } from "../../realtime/events";
import { enrol, makeProgram, makeUser, sessionTokenFor, TEST_PASSWORD } from "../../test-support/factories";
import { type BrowserLikeClient, errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;
let joinOrder = 0;

async function signedIn(user: { email: string }): Promise<BrowserLikeClient> {
  const client = t.client();
  await client.auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD });
  return client;
}

/** A program with a signed-in coordinator. */
async function world(opts: { mode?: "mentee_choice" | "reviewed"; minScore?: number } = {}) {
  const program = await makeProgram(t.deps.db);
  await t.deps.db
    .update(programs)
    .set({ matchingMode: opts.mode ?? "mentee_choice", minScore: opts.minScore ?? 0 })
    .where(eq(programs.id, program.id));
  const coordinator = await makeUser(t.deps.db, { name: "Cora Coordinator" });
  await enrol(t.deps.db, program.id, coordinator.id, "coordinator");
  return { programId: program.id, programName: program.name, coordinator, staff: await signedIn(coordinator) };
}

async function member(
  programId: string,
  role: "mentor" | "mentee",
  name: string,
  opts: { skills?: string[]; capacity?: number; ready?: boolean } = {},
) {
  const user = await makeUser(t.deps.db, { name });
  const m = await enrol(t.deps.db, programId, user.id, role);
  // Distinct join times so "waited longest" is well defined.
  joinOrder++;
  await t.deps.db
    .update(programMemberships)
    .set({
      readyAt: role === "mentor" && opts.ready !== false ? new Date() : null,
      createdAt: new Date(Date.UTC(2026, 0, 1) + joinOrder * 1000),
    })
    .where(eq(programMemberships.id, m.id));
  await t.deps.db.insert(programIntakes).values({ membershipId: m.id, skills: opts.skills ?? [], capacity: opts.capacity ?? 0 });
  return user;
}

async function notificationsOf(userId: string, type: string) {
  return t.deps.db
    .select({ data: notifications.data, link: notifications.link })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.type, type)));
}

describe("the coordinator board", () => {
  it("lists open requests oldest first and flags those past the reminder point or waiting on the mentee for two days", async () => {
    const w = await world();
    const mentor = await member(w.programId, "mentor", "Mo Mentor", { capacity: 3 });
    const names = ["Ann", "Ben", "Cai", "Dee", "Eve"];
    const [ann, ben, cai, dee, eve] = await Promise.all(names.map((n) => member(w.programId, "mentee", n)));
    const now = t.clock.now().getTime();
    const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
    const request = (
      menteeId: string,
      status: "pending" | "needs_info" | "declined",
      createdHoursAgo: number,
      updatedHoursAgo = createdHoursAgo,
    ) =>
      t.deps.db.insert(matchRequests).values({
        programId: w.programId,
        menteeId,
        mentorId: mentor.id,
        status,
        createdAt: at(createdHoursAgo),
        updatedAt: at(updatedHoursAgo),
        expiresAt: status === "pending" ? new Date(at(createdHoursAgo).getTime() + 72 * HOUR) : null,
      });
    await request(ann!.id, "pending", 50);
    await request(ben!.id, "pending", 10);
    await request(cai!.id, "needs_info", 80, 60);
    await request(dee!.id, "needs_info", 20, 5);
    await request(eve!.id, "declined", 100);

    const board = await w.staff.match.board.query({ programId: w.programId });
    expect(board.requests.map((r) => [r.mentee.name, r.status, r.stuck, r.ageHours])).toEqual([
      ["Cai", "needs_info", true, 80],
      ["Ann", "pending", true, 50],
      ["Dee", "needs_info", false, 20],
      ["Ben", "pending", false, 10],
    ]);
    expect(board.requests[1]?.stuckReason).toMatch(/48 hours/);
    expect(board.requestCounts).toMatchObject({ pending: 2, needs_info: 2, declined: 1, accepted: 0 });
    // The five joined concurrently, so their join order (the list's order) is not fixed: compare as a set.
    expect(board.unmatchedMentees.map((m) => m.name).sort()).toEqual([...names].sort());
    expect(board.mentors).toEqual([{ id: mentor.id, name: "Mo Mentor", load: 0, capacity: 3, isReady: true, spare: 3 }]);

    // Time passes: Ben's request now also waits past the reminder point.
    t.clock.advance(40 * HOUR);
    const later = await w.staff.match.board.query({ programId: w.programId });
    expect(later.requests.find((r) => r.mentee.name === "Ben")?.stuck).toBe(true);
    t.clock.set(new Date(now));
  });

  it("is for the program's staff only", async () => {
    const w = await world();
    const mentee = await member(w.programId, "mentee", "Nosy Mentee");
    const asMentee = await signedIn(mentee);
    expect((await errorOf(asMentee.match.board.query({ programId: w.programId }))).appCode).toBe("FORBIDDEN");
  });
});

describe("reviewed suggestions", () => {
  async function reviewedWorld() {
    const w = await world({ mode: "reviewed", minScore: 30 });
    const m1 = await member(w.programId, "mentor", "Mia One", { skills: ["TypeScript", "React"], capacity: 1 });
    const m2 = await member(w.programId, "mentor", "Max Two", { skills: ["TypeScript", "Python"], capacity: 2 });
    const e1 = await member(w.programId, "mentee", "Eli First", { skills: ["TypeScript", "React"] });
    const e2 = await member(w.programId, "mentee", "Emma Second", { skills: ["TypeScript"] });
    const e3 = await member(w.programId, "mentee", "Ezra Cook", { skills: ["Cooking"] });
    return { ...w, m1, m2, e1, e2, e3 };
  }

  it("proposes the best mentor with places left for each waiting mentee, respects the minimum score, and never proposes twice", async () => {
    const w = await reviewedWorld();
    const generated = await w.staff.match.generateSuggestions.mutate({ programId: w.programId });
    expect(generated.created).toBe(2);
    expect(generated.withoutMentor.map((p) => p.name)).toEqual(["Ezra Cook"]);
    const list = await w.staff.match.suggestions.query({ programId: w.programId });
    // Mia has one place and Eli (who waited longest) fits her best; Emma gets Max.
    expect(list.map((s) => [s.mentee.name, s.mentor.name])).toEqual(
      expect.arrayContaining([
        ["Eli First", "Mia One"],
        ["Emma Second", "Max Two"],
      ]),
    );
    expect(list.every((s) => s.score.breakdown.length === 4 && s.score.reasons.length > 0)).toBe(true);

    const again = await w.staff.match.generateSuggestions.mutate({ programId: w.programId });
    expect(again.created).toBe(0);
    expect(await w.staff.match.suggestions.query({ programId: w.programId })).toHaveLength(2);
  });

  it("a rejected pair is not proposed again, and approving in bulk makes both matches and tells both people", async () => {
    const w = await reviewedWorld();
    await w.staff.match.generateSuggestions.mutate({ programId: w.programId });
    const first = await w.staff.match.suggestions.query({ programId: w.programId });
    const eliMia = first.find((s) => s.mentee.id === w.e1.id)!;
    const rejected = await w.staff.match.decideSuggestions.mutate({
      programId: w.programId,
      ids: [eliMia.id],
      decision: "reject",
      note: "Same team",
    });
    expect(rejected).toMatchObject({ rejected: 1, approved: 0 });

    await w.staff.match.generateSuggestions.mutate({ programId: w.programId });
    const second = await w.staff.match.suggestions.query({ programId: w.programId });
    expect(second.map((s) => [s.mentee.name, s.mentor.name]).sort()).toEqual([
      ["Eli First", "Max Two"],
      ["Emma Second", "Max Two"],
    ]);

    const approved = await w.staff.match.decideSuggestions.mutate({
      programId: w.programId,
      ids: second.map((s) => s.id),
      decision: "approve",
    });
    expect(approved.approved).toBe(2);
    const board = await w.staff.match.board.query({ programId: w.programId });
    expect(board.liveMatches.map((m) => [m.mentee.name, m.mentor.name, m.source]).sort()).toEqual([
      ["Eli First", "Max Two", "reviewed"],
      ["Emma Second", "Max Two", "reviewed"],
    ]);
    expect(board.mentors.find((m) => m.id === w.m2.id)).toMatchObject({ load: 2, spare: 0 });
    expect(await w.staff.match.suggestions.query({ programId: w.programId })).toEqual([]);
    expect(await notificationsOf(w.e1.id, "match.created")).toHaveLength(1);
    expect(await notificationsOf(w.m2.id, "match.created")).toHaveLength(2);
  });

  it("a batch naming a suggestion of another program is refused by name and writes nothing", async () => {
    const w = await reviewedWorld();
    const other = await reviewedWorld();
    await w.staff.match.generateSuggestions.mutate({ programId: w.programId });
    await other.staff.match.generateSuggestions.mutate({ programId: other.programId });
    const mine = await w.staff.match.suggestions.query({ programId: w.programId });
    const theirs = await other.staff.match.suggestions.query({ programId: other.programId });
    const err = await errorOf(
      w.staff.match.decideSuggestions.mutate({ programId: w.programId, ids: [mine[0]!.id, theirs[0]!.id], decision: "approve" }),
    );
    expect(err.appCode).toBe("VALIDATION");
    expect(err.fieldErrors.ids?.[0]).toContain(theirs[0]!.id);
    expect(await w.staff.match.suggestions.query({ programId: w.programId })).toHaveLength(2);
    const made = await t.deps.db
      .select({ id: matches.id })
      .from(matches)
      .where(inArray(matches.programId, [w.programId, other.programId]));
    expect(made).toEqual([]);
  });

  it("a stale approval (the mentee was matched meanwhile) is refused naming the mentee and nothing is approved", async () => {
    const w = await reviewedWorld();
    await w.staff.match.generateSuggestions.mutate({ programId: w.programId });
    const list = await w.staff.match.suggestions.query({ programId: w.programId });
    const emmaMax = list.find((s) => s.mentee.id === w.e2.id)!;
    await w.staff.match.createManual.mutate({ programId: w.programId, mentorId: w.m2.id, menteeId: w.e2.id });
    expect((await w.staff.match.suggestions.query({ programId: w.programId })).find((s) => s.id === emmaMax.id)?.menteeMatched).toBe(true);

    const err = await errorOf(
      w.staff.match.decideSuggestions.mutate({ programId: w.programId, ids: list.map((s) => s.id), decision: "approve" }),
    );
    expect(err.appCode).toBe("CONFLICT");
    expect(err.message).toContain("Emma Second");
    const left = await t.deps.db
      .select({ status: matchSuggestions.status })
      .from(matchSuggestions)
      .where(eq(matchSuggestions.programId, w.programId));
    expect(left.map((s) => s.status)).toEqual(["proposed", "proposed"]);
    const eliMatches = await t.deps.db.select({ id: matches.id }).from(matches).where(eq(matches.menteeId, w.e1.id));
    expect(eliMatches).toEqual([]);
  });

  it("is refused in a program that does not use reviewed matching", async () => {
    const w = await world({ mode: "mentee_choice" });
    const err = await errorOf(w.staff.match.generateSuggestions.mutate({ programId: w.programId }));
    expect(err.appCode).toBe("CONFLICT");
  });
});

describe("manual matching", () => {
  it("shows the score with its breakdown and reasons, needs a reason to go over capacity, and records it", async () => {
    const w = await world();
    const mentor = await member(w.programId, "mentor", "Full Fran", { skills: ["Go"], capacity: 1 });
    const first = await member(w.programId, "mentee", "Gina", { skills: ["Go"] });
    const second = await member(w.programId, "mentee", "Hugo", { skills: ["golang"] });

    const preview = await w.staff.match.previewPair.query({ programId: w.programId, mentorId: mentor.id, menteeId: first.id });
    expect(preview.score.total).toBeGreaterThan(60);
    expect(preview.score.breakdown.map((b) => b.criterion)).toEqual(["skills", "availability", "communication", "capacity"]);
    expect(preview.score.reasons.join(" ")).toMatch(/Go/);
    expect(preview).toMatchObject({ problems: [], canMatch: true, needsOverride: false });
    await w.staff.match.createManual.mutate({ programId: w.programId, mentorId: mentor.id, menteeId: first.id });

    const full = await w.staff.match.previewPair.query({ programId: w.programId, mentorId: mentor.id, menteeId: second.id });
    expect(full).toMatchObject({ needsOverride: true, canMatch: true, mentor: { load: 1, capacity: 1 } });
    expect(full.problems.map((p) => p.code)).toEqual(["mentor-at-capacity"]);
    const refused = await errorOf(w.staff.match.createManual.mutate({ programId: w.programId, mentorId: mentor.id, menteeId: second.id }));
    expect(refused.appCode).toBe("CONFLICT");
    expect(refused.message).toMatch(/override reason/);

    t.clock.advance(1000);
    const made = await w.staff.match.createManual.mutate({
      programId: w.programId,
      mentorId: mentor.id,
      menteeId: second.id,
      capacityOverrideReason: "Fran asked for one more this term",
    });
    const page = await w.staff.match.get.query({ matchId: made.matchId });
    expect(page).toMatchObject({ source: "manual", status: "active", capacityOverrideReason: "Fran asked for one more this term" });
    expect(page.score?.total).toBe(full.score.total);
    const log = await w.staff.match.audit.query({ programId: w.programId, action: "match.created" });
    expect(log.items[0]?.detail).toContain("Fran asked for one more this term");
    expect(await notificationsOf(second.id, "match.created")).toHaveLength(1);
  });

  it("refuses a never-pair pair, and ids outside the program name their field", async () => {
    const w = await world();
    const mentor = await member(w.programId, "mentor", "Ivan", { skills: ["Go"] });
    const mentee = await member(w.programId, "mentee", "Jade", { skills: ["Go"] });
    const rule = await w.staff.match.addNeverPair.mutate({
      programId: w.programId,
      mentorId: mentor.id,
      menteeId: mentee.id,
      reason: "Siblings",
    });
    expect(rule.warnings).toEqual([]);
    const preview = await w.staff.match.previewPair.query({ programId: w.programId, mentorId: mentor.id, menteeId: mentee.id });
    expect(preview.canMatch).toBe(false);
    expect(preview.problems.map((p) => p.code)).toContain("never-pair");
    expect(
      (await errorOf(w.staff.match.createManual.mutate({ programId: w.programId, mentorId: mentor.id, menteeId: mentee.id }))).appCode,
    ).toBe("CONFLICT");

    const elsewhere = await world();
    const outsider = await member(elsewhere.programId, "mentee", "Outsider", { skills: ["Go"] });
    const outsideMentor = await member(elsewhere.programId, "mentor", "Outside Mentor");
    const e1 = await errorOf(w.staff.match.createManual.mutate({ programId: w.programId, mentorId: mentor.id, menteeId: outsider.id }));
    expect(e1.appCode).toBe("VALIDATION");
    expect(Object.keys(e1.fieldErrors)).toEqual(["menteeId"]);
    const e2 = await errorOf(w.staff.match.previewPair.query({ programId: w.programId, mentorId: outsideMentor.id, menteeId: mentee.id }));
    expect(Object.keys(e2.fieldErrors)).toEqual(["mentorId"]);
    const e3 = await errorOf(
      w.staff.match.addNeverPair.mutate({ programId: w.programId, mentorId: outsideMentor.id, menteeId: mentee.id, reason: "x" }),
    );
    expect(Object.keys(e3.fieldErrors)).toEqual(["mentorId"]);
    expect(await t.deps.db.select({ id: matches.id }).from(matches).where(eq(matches.programId, w.programId))).toEqual([]);
  });
});

describe("never-pair rules", () => {
  it("are listed, refused twice, warn when the two are matched, and can be removed; each change is in the audit log", async () => {
    const w = await world();
    const mentor = await member(w.programId, "mentor", "Kai", { skills: ["Go"] });
    const mentee = await member(w.programId, "mentee", "Lea", { skills: ["Go"] });
    await w.staff.match.createManual.mutate({ programId: w.programId, mentorId: mentor.id, menteeId: mentee.id });
    t.clock.advance(1000);
    const added = await w.staff.match.addNeverPair.mutate({
      programId: w.programId,
      mentorId: mentor.id,
      menteeId: mentee.id,
      reason: "Conflict of interest",
    });
    expect(added.warnings.join(" ")).toMatch(/matched right now/);
    expect(
      (
        await errorOf(
          w.staff.match.addNeverPair.mutate({ programId: w.programId, mentorId: mentor.id, menteeId: mentee.id, reason: "Again" }),
        )
      ).appCode,
    ).toBe("CONFLICT");
    const rules = await w.staff.match.neverPairs.query({ programId: w.programId });
    expect(rules.map((r) => [r.mentor.name, r.mentee.name, r.reason, r.createdBy])).toEqual([
      ["Kai", "Lea", "Conflict of interest", "Cora Coordinator"],
    ]);
    // A second later, so the activity log's newest-first order is the order of the two changes.
    t.clock.advance(1000);
    await w.staff.match.removeNeverPair.mutate({ programId: w.programId, ruleId: added.id });
    expect(await w.staff.match.neverPairs.query({ programId: w.programId })).toEqual([]);
    const reason = await errorOf(
      w.staff.match.addNeverPair.mutate({ programId: w.programId, mentorId: mentor.id, menteeId: mentee.id, reason: " " }),
    );
    expect(Object.keys(reason.fieldErrors)).toEqual(["reason"]);
    const log = await w.staff.match.audit.query({ programId: w.programId });
    expect(log.items.map((i) => i.action).slice(0, 2)).toEqual(["match.never_pair_removed", "match.never_pair_added"]);
  });
});

describe("match status changes", () => {
  async function matchedWorld() {
    const w = await world();
    const mentor = await member(w.programId, "mentor", "Nia Mentor", { skills: ["Go"] });
    const mentee = await member(w.programId, "mentee", "Omar Mentee", { skills: ["Go"] });
    const { matchId } = await w.staff.match.createManual.mutate({ programId: w.programId, mentorId: mentor.id, menteeId: mentee.id });
    return { ...w, mentor, mentee, matchId };
  }

  it("pause needs a reason, invalid moves are refused, and the history says who, when and why, newest first", async () => {
    const w = await matchedWorld();
    const noReason = await errorOf(w.staff.match.changeStatus.mutate({ matchId: w.matchId, to: "paused" }));
    expect(noReason.appCode).toBe("VALIDATION");
    expect(Object.keys(noReason.fieldErrors)).toEqual(["reason"]);

    t.clock.advance(HOUR);
    await w.staff.match.changeStatus.mutate({ matchId: w.matchId, to: "paused", reason: "Mentor on leave" });
    expect((await errorOf(w.staff.match.changeStatus.mutate({ matchId: w.matchId, to: "paused", reason: "Again" }))).appCode).toBe(
      "CONFLICT",
    );
    t.clock.advance(HOUR);
    await w.staff.match.changeStatus.mutate({ matchId: w.matchId, to: "active" });
    t.clock.advance(HOUR);
    await w.staff.match.changeStatus.mutate({ matchId: w.matchId, to: "completed", reason: "Goals reached" });
    const back = await errorOf(w.staff.match.changeStatus.mutate({ matchId: w.matchId, to: "active" }));
    expect(back.appCode).toBe("CONFLICT");

    const page = await w.staff.match.get.query({ matchId: w.matchId });
    expect(page.status).toBe("completed");
    expect(page.endedAt).not.toBeNull();
    expect(page.history.map((h) => [h.fromStatus, h.toStatus, h.actorName, h.reason])).toEqual([
      ["active", "completed", "Cora Coordinator", "Goals reached"],
      ["paused", "active", "Cora Coordinator", ""],
      ["active", "paused", "Cora Coordinator", "Mentor on leave"],
      [null, "active", "Cora Coordinator", ""],
    ]);
    expect(page.viewer).toMatchObject({ canPause: false, canResume: false, canEnd: false, canRematch: false });

    const toMentee = await notificationsOf(w.mentee.id, "match.status_changed");
    const toMentor = await notificationsOf(w.mentor.id, "match.status_changed");
    expect(toMentee).toHaveLength(3);
    expect(toMentor).toHaveLength(3);
    expect(toMentee.map((n) => (n.data as { reason: string }).reason)).toContain("Mentor on leave");
    expect(toMentee[0]?.link).toBe(`/programs/${w.programId}/matches/${w.matchId}`);

    const log = await w.staff.match.audit.query({ programId: w.programId });
    expect(log.items.slice(0, 3).map((i) => i.action)).toEqual(["match.completed", "match.resumed", "match.paused"]);
    expect(log.items[0]).toMatchObject({ actorName: "Cora Coordinator", detail: "Goals reached" });
  });

  it("the mentee may end their own match with a reason but not pause it; the mentor is told", async () => {
    const w = await matchedWorld();
    const asMentee = await signedIn(w.mentee);
    expect((await errorOf(asMentee.match.changeStatus.mutate({ matchId: w.matchId, to: "paused", reason: "Busy" }))).appCode).toBe(
      "FORBIDDEN",
    );
    expect((await errorOf(asMentee.match.changeStatus.mutate({ matchId: w.matchId, to: "ended" }))).fieldErrors.reason).toBeDefined();
    await asMentee.match.changeStatus.mutate({ matchId: w.matchId, to: "ended", reason: "Changed careers" });
    const page = await asMentee.match.get.query({ matchId: w.matchId });
    expect(page.history[0]).toMatchObject({ toStatus: "ended", actorName: "Omar Mentee", reason: "Changed careers" });
    expect(await notificationsOf(w.mentor.id, "match.status_changed")).toHaveLength(1);
    expect(await notificationsOf(w.mentee.id, "match.status_changed")).toHaveLength(0);
  });

  it("rematch ends the old match and makes the new one together, or does neither", async () => {
    const w = await matchedWorld();
    const blocked = await member(w.programId, "mentor", "Blocked Bo", { skills: ["Go"] });
    const next = await member(w.programId, "mentor", "Next Nell", { skills: ["Go"] });
    await w.staff.match.addNeverPair.mutate({
      programId: w.programId,
      mentorId: blocked.id,
      menteeId: w.mentee.id,
      reason: "Former manager",
    });

    const refused = await errorOf(w.staff.match.rematch.mutate({ matchId: w.matchId, mentorId: blocked.id, reason: "Poor fit" }));
    expect(refused.appCode).toBe("CONFLICT");
    expect((await w.staff.match.get.query({ matchId: w.matchId })).status).toBe("active");

    const same = await errorOf(w.staff.match.rematch.mutate({ matchId: w.matchId, mentorId: w.mentor.id, reason: "Poor fit" }));
    expect(Object.keys(same.fieldErrors)).toEqual(["mentorId"]);

    const { matchId } = await w.staff.match.rematch.mutate({ matchId: w.matchId, mentorId: next.id, reason: "Poor fit" });
    const old = await w.staff.match.get.query({ matchId: w.matchId });
    const fresh = await w.staff.match.get.query({ matchId });
    expect(old).toMatchObject({ status: "ended", replacedByMatchId: matchId });
    expect(old.history[0]?.reason).toBe("Rematched: Poor fit");
    expect(fresh).toMatchObject({
      status: "active",
      replacesMatchId: w.matchId,
      mentor: { name: "Next Nell" },
      mentee: { name: "Omar Mentee" },
    });
    const asMentee = await signedIn(w.mentee);
    const mine = await asMentee.match.mine.query({ programId: w.programId });
    expect(mine.map((m) => [m.partner.name, m.status, m.myRole])).toEqual([
      ["Next Nell", "active", "mentee"],
      ["Nia Mentor", "ended", "mentee"],
    ]);
  });
});

describe("who sees a match", () => {
  it("its two people and the program's staff; another mentee and another program's coordinator get not found", async () => {
    const w = await world();
    const mentor = await member(w.programId, "mentor", "Pia", { skills: ["Go"], capacity: 1 });
    const mentee = await member(w.programId, "mentee", "Quin", { skills: ["Go"] });
    const other = await member(w.programId, "mentee", "Rae");
    const elsewhere = await world();
    const filler = await member(w.programId, "mentee", "Sam");
    const { matchId: firstId } = await w.staff.match.createManual.mutate({
      programId: w.programId,
      mentorId: mentor.id,
      menteeId: filler.id,
    });
    const { matchId } = await w.staff.match.createManual.mutate({
      programId: w.programId,
      mentorId: mentor.id,
      menteeId: mentee.id,
      capacityOverrideReason: "Private note",
    });
    expect(firstId).not.toBe(matchId);

    const asMentor = await signedIn(mentor);
    const asMentee = await signedIn(mentee);
    const seen = await asMentee.match.get.query({ matchId });
    expect(seen).toMatchObject({
      mentor: { name: "Pia" },
      capacityOverrideReason: null,
      viewer: { isMentee: true, canEnd: true, canPause: false },
    });
    expect((await asMentor.match.get.query({ matchId })).viewer.isMentor).toBe(true);
    expect((await w.staff.match.get.query({ matchId })).capacityOverrideReason).toBe("Private note");
    expect((await errorOf((await signedIn(other)).match.get.query({ matchId }))).appCode).toBe("NOT_FOUND");
    expect((await errorOf(elsewhere.staff.match.get.query({ matchId }))).appCode).toBe("NOT_FOUND");
    expect((await errorOf((await signedIn(other)).match.changeStatus.mutate({ matchId, to: "ended", reason: "x" }))).appCode).toBe(
      "NOT_FOUND",
    );
  });
});

describe("the program audit log", () => {
  it("pages newest first with actor names and only shows this program's entries", async () => {
    const w = await world();
    const other = await world();
    const mentor = await member(w.programId, "mentor", "Tia", { skills: ["Go"], capacity: 10 });
    for (const name of ["U1", "U2", "U3", "U4", "U5", "U6"]) {
      const mentee = await member(w.programId, "mentee", name);
      t.clock.advance(1000);
      await w.staff.match.createManual.mutate({ programId: w.programId, mentorId: mentor.id, menteeId: mentee.id });
    }
    const page1 = await w.staff.match.audit.query({ programId: w.programId, pageSize: 5 });
    expect(page1).toMatchObject({ total: 6, pages: 2, kinds: [{ kind: "match", label: "Matches" }] });
    expect(page1.items.every((i) => i.actorName === "Cora Coordinator")).toBe(true);
    const page2 = await w.staff.match.audit.query({ programId: w.programId, pageSize: 5, page: 2 });
    expect(page2.items).toHaveLength(1);
    expect(page1.items[0]!.createdAt.getTime()).toBeGreaterThan(page2.items[0]!.createdAt.getTime());
    expect((await other.staff.match.audit.query({ programId: other.programId })).total).toBe(0);
  });
});

describe("live board", () => {
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

  it("a coordinator's socket receives match:changed when a match is made and when it is paused", async () => {
    const w = await world();
    const mentor = await member(w.programId, "mentor", "Vic", { skills: ["Go"] });
    const mentee = await member(w.programId, "mentee", "Wes", { skills: ["Go"] });
    const coordinatorSocket = await socketFor(jarOf(w.staff).header());
    const stranger = await makeUser(t.deps.db);
    const strangerSocket = await socketFor(`session=${await sessionTokenFor(t.deps.db, t.clock, stranger.id)}`);
    const strangerEvents: unknown[] = [];
    strangerSocket.on("match:changed", (e) => strangerEvents.push(e));
    try {
      const next = () =>
        new Promise<{ matchId: string; programId: string; status: string }>((resolve) => coordinatorSocket.once("match:changed", resolve));
      const created = next();
      const { matchId } = await w.staff.match.createManual.mutate({ programId: w.programId, mentorId: mentor.id, menteeId: mentee.id });
      expect(await created).toEqual({ matchId, programId: w.programId, status: "active" });
      const paused = next();
      await w.staff.match.changeStatus.mutate({ matchId, to: "paused", reason: "Holiday" });
      expect(await paused).toEqual({ matchId, programId: w.programId, status: "paused" });
      expect(strangerEvents).toEqual([]);
    } finally {
      coordinatorSocket.close();
      strangerSocket.close();
    }
  });
});
