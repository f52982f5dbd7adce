/**
 * Test data for the request tests: programs with ready mentors and mentees who filled the intake, and
 * signed-in clients for them. Only imported by tests.
 */
import { eq } from "drizzle-orm";
import { programIntakes, programMemberships, programs } from "../../db/schema/programs";
import { mentorProfiles, users } from "../../db/schema/users";
import { enrol, makeProgram, makeUser, sessionTokenFor } from "./factories";
import { jarOf, type TestApp } from "./test-app";

export type Window = { weekday: number; start: string; end: string };
export const evenings: Window[] = [1, 2, 3].map((weekday) => ({ weekday, start: "18:00", end: "20:00" }));

export function requestTestData(t: TestApp) {
  const db = t.deps.db;

  async function program(settings: Partial<typeof programs.$inferInsert> = {}) {
    const p = await makeProgram(db);
    if (Object.keys(settings).length > 0) await db.update(programs).set(settings).where(eq(programs.id, p.id));
    const coordinator = await makeUser(db, { name: "Cora Coordinator" });
    await enrol(db, p.id, coordinator.id, "coordinator");
    return { ...p, coordinator };
  }

  async function mentor(
    programId: string,
    opts: {
      name?: string;
      skills?: string[];
      capacity?: number;
      availability?: Window[];
      languages?: string[];
      headline?: string;
      timezone?: string;
      ready?: boolean;
      lastActiveAt?: Date;
    } = {},
  ) {
    const u = await makeUser(db, { name: opts.name ?? "Mentor", timezone: opts.timezone ?? "UTC" });
    await db
      .update(users)
      .set({ languages: opts.languages ?? ["English"], lastActiveAt: opts.lastActiveAt ?? null })
      .where(eq(users.id, u.id));
    await db
      .insert(mentorProfiles)
      .values({ userId: u.id, headline: opts.headline ?? "Engineer", expertise: opts.skills ?? ["TypeScript"] });
    const [m] = await db
      .insert(programMemberships)
      .values({ programId, userId: u.id, role: "mentor", readyAt: opts.ready === false ? null : new Date() })
      .returning({ id: programMemberships.id });
    await db.insert(programIntakes).values({
      membershipId: m!.id,
      skills: opts.skills ?? ["TypeScript"],
      availability: opts.availability ?? evenings,
      communication: ["video"],
      capacity: opts.capacity ?? 2,
    });
    return { ...u, membershipId: m!.id };
  }

  async function mentee(
    programId: string,
    opts: { name?: string; skills?: string[]; availability?: Window[]; goals?: string; status?: "active" | "pending" } = {},
  ) {
    const u = await makeUser(db, { name: opts.name ?? "Mentee" });
    const m = await enrol(db, programId, u.id, "mentee", opts.status ?? "active");
    await db.insert(programIntakes).values({
      membershipId: m.id,
      skills: opts.skills ?? ["TypeScript"],
      goals: opts.goals ?? "Ship a side project",
      preferredStyle: "Hands-on",
      availability: opts.availability ?? evenings,
      communication: ["video"],
      urgency: "high",
    });
    return { ...u, membershipId: m.id };
  }

  async function clientFor(userId: string) {
    const client = t.client();
    jarOf(client).cookies.set("session", await sessionTokenFor(db, t.clock, userId));
    return client;
  }

  return { program, mentor, mentee, clientFor };
}
