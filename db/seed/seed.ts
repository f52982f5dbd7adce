import { and, count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { notifications } from "../schema/notifications";
import { programIntakes, programMemberships, programs } from "../schema/programs";
import { menteeGoals, menteeProfiles, mentorProfiles, users } from "../schema/users";
import { demoPairs, seedDemoSchedule } from "./demo-schedule";

/** Printed at start-up; the demo is for local evaluation only (never seeded into a database that has data). */
export const demoPassword = "mentor-demo-2026";

type Window = { weekday: number; start: string; end: string };
type Communication = "video" | "phone" | "chat" | "in-person";

type MentorSeed = {
  name: string;
  email: string;
  tz: string;
  headline: string;
  expertise: string[];
  years: number;
  styles: string[];
  languages: string[];
  /** This program's intake: places offered, weekly windows in the mentor's own time zone, ways to meet. */
  capacity: number;
  availability: Window[];
  communication: Communication[];
};
type MenteeSeed = {
  name: string;
  email: string;
  tz: string;
  interests: string[];
  level: "student" | "early_career" | "mid_career" | "career_change";
  goal: string;
  languages: string[];
  availability: Window[];
  communication: Communication[];
  urgency: "low" | "medium" | "high";
};

const mentors: MentorSeed[] = [
  {
    name: "Amara Okafor",
    email: "amara.mentor@demo.mentoring.local",
    tz: "Africa/Lagos",
    headline: "Staff engineer, distributed systems",
    expertise: ["JavaScript", "Node.js", "System design"],
    years: 12,
    styles: ["technical", "career"],
    languages: ["english", "yoruba"],
    capacity: 3,
    availability: [
      { weekday: 1, start: "18:00", end: "21:00" },
      { weekday: 3, start: "18:00", end: "21:00" },
      { weekday: 6, start: "09:00", end: "12:00" },
    ],
    communication: ["video", "chat"],
  },
  {
    name: "Bruno Silva",
    email: "bruno.mentor@demo.mentoring.local",
    tz: "America/Sao_Paulo",
    headline: "Product manager turned founder",
    expertise: ["Product management", "Entrepreneurship", "Fundraising"],
    years: 9,
    styles: ["entrepreneurship", "leadership"],
    languages: ["portuguese", "english"],
    capacity: 2,
    availability: [
      { weekday: 2, start: "12:00", end: "14:00" },
      { weekday: 4, start: "12:00", end: "14:00" },
    ],
    communication: ["video", "phone"],
  },
  {
    name: "Chen Wei",
    email: "chen.mentor@demo.mentoring.local",
    tz: "Asia/Shanghai",
    headline: "Data scientist in healthcare",
    expertise: ["Python", "Machine learning", "Statistics"],
    years: 7,
    styles: ["technical", "academic"],
    languages: ["mandarin", "english"],
    capacity: 2,
    availability: [
      { weekday: 1, start: "20:00", end: "22:00" },
      { weekday: 6, start: "15:00", end: "18:00" },
    ],
    communication: ["video", "chat"],
  },
  {
    name: "Dana Levi",
    email: "dana.mentor@demo.mentoring.local",
    tz: "Europe/Berlin",
    headline: "Engineering manager, people first",
    expertise: ["Leadership", "Hiring", "Career growth"],
    years: 15,
    styles: ["leadership", "career", "wellbeing"],
    languages: ["english", "german", "hebrew"],
    capacity: 3,
    availability: [
      { weekday: 2, start: "17:00", end: "19:00" },
      { weekday: 4, start: "17:00", end: "19:00" },
      { weekday: 5, start: "08:00", end: "10:00" },
    ],
    communication: ["video", "in-person"],
  },
  {
    name: "Elena Petrova",
    email: "elena.mentor@demo.mentoring.local",
    tz: "America/New_York",
    headline: "UX research lead",
    expertise: ["UX research", "Design", "Accessibility"],
    years: 10,
    styles: ["career", "technical"],
    languages: ["english", "russian"],
    capacity: 2,
    availability: [
      { weekday: 1, start: "09:00", end: "11:00" },
      { weekday: 3, start: "16:00", end: "18:00" },
    ],
    communication: ["video"],
  },
  {
    name: "Farid Haddad",
    email: "farid.mentor@demo.mentoring.local",
    tz: "Asia/Kolkata",
    headline: "Cloud architect and open-source maintainer",
    expertise: ["Cloud", "DevOps", "Open source"],
    years: 11,
    styles: ["technical"],
    languages: ["english", "hindi", "arabic"],
    capacity: 3,
    availability: [
      { weekday: 0, start: "10:00", end: "13:00" },
      { weekday: 3, start: "19:00", end: "21:00" },
    ],
    communication: ["chat", "video", "phone"],
  },
];

const mentees: MenteeSeed[] = [
  {
    name: "Grace Kim",
    email: "grace.mentee@demo.mentoring.local",
    tz: "Asia/Seoul",
    interests: ["JavaScript", "Web development"],
    level: "student",
    goal: "Land a frontend internship",
    languages: ["korean", "english"],
    availability: [
      { weekday: 2, start: "19:00", end: "22:00" },
      { weekday: 6, start: "09:00", end: "12:00" },
    ],
    communication: ["video", "chat"],
    urgency: "high",
  },
  {
    name: "Hugo Martin",
    email: "hugo.mentee@demo.mentoring.local",
    tz: "Europe/Paris",
    interests: ["Product management"],
    level: "early_career",
    goal: "Move from support into product",
    languages: ["french", "english"],
    availability: [
      { weekday: 2, start: "18:00", end: "20:00" },
      { weekday: 4, start: "18:00", end: "20:00" },
    ],
    communication: ["video"],
    urgency: "medium",
  },
  {
    name: "Ines Garcia",
    email: "ines.mentee@demo.mentoring.local",
    tz: "Europe/Madrid",
    interests: ["Machine learning", "Python"],
    level: "student",
    goal: "Publish a first ML project",
    languages: ["spanish", "english"],
    availability: [
      { weekday: 1, start: "13:00", end: "16:00" },
      { weekday: 6, start: "10:00", end: "13:00" },
    ],
    communication: ["video", "chat"],
    urgency: "medium",
  },
  {
    name: "Jonas Berg",
    email: "jonas.mentee@demo.mentoring.local",
    tz: "Europe/Stockholm",
    interests: ["Leadership"],
    level: "mid_career",
    goal: "Prepare for a first team lead role",
    languages: ["swedish", "english"],
    availability: [
      { weekday: 2, start: "17:00", end: "19:00" },
      { weekday: 4, start: "17:00", end: "19:00" },
    ],
    communication: ["video", "in-person"],
    urgency: "low",
  },
  {
    name: "Kofi Mensah",
    email: "kofi.mentee@demo.mentoring.local",
    tz: "Africa/Accra",
    interests: ["Cloud", "DevOps"],
    level: "early_career",
    goal: "Pass a cloud certification",
    languages: ["english"],
    availability: [
      { weekday: 0, start: "08:00", end: "11:00" },
      { weekday: 3, start: "14:00", end: "17:00" },
    ],
    communication: ["chat", "phone"],
    urgency: "high",
  },
  {
    name: "Lena Fischer",
    email: "lena.mentee@demo.mentoring.local",
    tz: "Europe/Berlin",
    interests: ["UX research", "Accessibility"],
    level: "career_change",
    goal: "Switch from teaching to UX",
    languages: ["german", "english"],
    availability: [
      { weekday: 1, start: "15:00", end: "17:00" },
      { weekday: 3, start: "21:00", end: "23:00" },
    ],
    communication: ["video"],
    urgency: "medium",
  },
  {
    name: "Mateo Rossi",
    email: "mateo.mentee@demo.mentoring.local",
    tz: "Europe/Rome",
    interests: ["Entrepreneurship"],
    level: "student",
    goal: "Validate a startup idea",
    languages: ["italian", "english"],
    availability: [
      { weekday: 2, start: "17:00", end: "19:00" },
      { weekday: 4, start: "16:00", end: "18:00" },
    ],
    communication: ["video", "phone"],
    urgency: "medium",
  },
  {
    name: "Nadia Rahman",
    email: "nadia.mentee@demo.mentoring.local",
    tz: "Asia/Dhaka",
    interests: ["Statistics", "Python"],
    level: "student",
    goal: "Get into a data science master's",
    languages: ["bengali", "english"],
    availability: [
      { weekday: 1, start: "18:00", end: "20:00" },
      { weekday: 6, start: "13:00", end: "16:00" },
    ],
    communication: ["chat", "video"],
    urgency: "high",
  },
  {
    name: "Omar Aziz",
    email: "omar.mentee@demo.mentoring.local",
    tz: "Asia/Dubai",
    interests: ["System design", "Node.js"],
    level: "mid_career",
    goal: "Grow into a senior engineer",
    languages: ["arabic", "english"],
    availability: [
      { weekday: 1, start: "18:00", end: "21:00" },
      { weekday: 3, start: "18:00", end: "21:00" },
    ],
    communication: ["video"],
    urgency: "low",
  },
  {
    name: "Priya Nair",
    email: "priya.mentee@demo.mentoring.local",
    tz: "Asia/Kolkata",
    interests: ["Career growth", "Hiring"],
    level: "early_career",
    goal: "Negotiate a promotion",
    languages: ["malayalam", "english"],
    availability: [
      { weekday: 2, start: "20:00", end: "22:00" },
      { weekday: 5, start: "11:00", end: "13:00" },
    ],
    communication: ["video", "phone"],
    urgency: "medium",
  },
  {
    name: "Quinn Taylor",
    email: "quinn.mentee@demo.mentoring.local",
    tz: "America/Los_Angeles",
    interests: ["Design", "Web development"],
    level: "career_change",
    goal: "Build a design portfolio",
    languages: ["english"],
    availability: [
      { weekday: 1, start: "06:00", end: "08:00" },
      { weekday: 3, start: "13:00", end: "15:00" },
    ],
    communication: ["video", "chat"],
    urgency: "low",
  },
  {
    name: "Rosa Lopez",
    email: "rosa.mentee@demo.mentoring.local",
    tz: "America/Mexico_City",
    interests: ["Open source", "JavaScript"],
    level: "student",
    goal: "Make a first open-source contribution",
    languages: ["spanish", "english"],
    availability: [
      { weekday: 0, start: "09:00", end: "12:00" },
      { weekday: 3, start: "09:00", end: "11:00" },
    ],
    communication: ["chat"],
    urgency: "medium",
  },
];

/** Typed on /join (shown as DEMO-2027); people who join wait for the coordinator's approval. */
export const demoInviteCode = "DEMO2027";
export const demoProgramSlug = "women-in-tech-2027";

/** "YYYY-MM-DD" of the UTC day `days` after `from`. */
function dayOffset(from: Date, days: number): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export const demoAccounts = {
  admin: "admin@demo.mentoring.local",
  coordinator: "coordinator@demo.mentoring.local",
  mentor: mentors[0]?.email ?? "",
  mentee: mentees[0]?.email ?? "",
};

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [u] = await db.select({ n: count() }).from(users);
  const [p] = await db.select({ n: count() }).from(programs);
  return Number(u?.n ?? 0) === 0 && Number(p?.n ?? 0) === 0;
}

/**
 * What the seed needs from the app, passed in so db/ never imports server/: the app's Clock and its password
 * hashing (server/auth/password.ts), the same argon2id settings as a sign-up.
 */
export type SeedDeps = { clock: { now(): Date }; hashPassword: (password: string) => Promise<string> };

/** Seeds the demo organisation. Idempotent: accounts and the program that already exist are left alone. */
export async function seedDemo(db: Db, { clock, hashPassword }: SeedDeps): Promise<{ created: number }> {
  const passwordHash = await hashPassword(demoPassword);
  const now = clock.now();
  let created = 0;
  await db.transaction(async (tx) => {
    const upsertUser = async (email: string, name: string, tz: string, extra: Partial<typeof users.$inferInsert> = {}) => {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (existing) return { id: existing.id, isNew: false };
      created++;
      const [u] = await tx
        .insert(users)
        .values({
          email,
          name,
          passwordHash,
          timezone: tz,
          emailVerifiedAt: now,
          onboardedAt: now,
          createdAt: now,
          updatedAt: now,
          ...extra,
        })
        .returning({ id: users.id });
      return { id: (u as { id: string }).id, isNew: true };
    };
    const admin = await upsertUser(demoAccounts.admin, "Ada Admin", "Europe/London", {
      isPlatformAdmin: true,
      bio: "Platform administrator of the demo organisation.",
      languages: ["english"],
    });
    const coordinator = await upsertUser(demoAccounts.coordinator, "Cora Coordinator", "America/Chicago", {
      bio: "Runs the Women in Tech mentoring program.",
      languages: ["english", "spanish"],
    });
    let [program] = await tx.select({ id: programs.id }).from(programs).where(eq(programs.slug, demoProgramSlug));
    if (!program) {
      [program] = await tx
        .insert(programs)
        .values({
          name: "Women in Tech 2027",
          slug: demoProgramSlug,
          description: "A six-month one-to-one mentoring program pairing early-career technologists with experienced mentors.",
          status: "active",
          type: "one_to_one",
          joinMode: "invite_code",
          inviteCode: demoInviteCode,
          requiresApproval: true,
          matchingMode: "mentee_choice",
          weights: { skills: 60, availability: 20, communication: 10, capacity: 10 },
          minScore: 0,
          suggestionCount: 3,
          requestDeadlineHours: 72,
          requestReminderHours: 48,
          openRequestLimit: 3,
          sessionMinutes: 60,
          sessionsPerMatch: 6,
          startsOn: dayOffset(now, -28),
          endsOn: dayOffset(now, 168),
          checklist: { codeOfConduct: false, documents: [], trainingUrl: null, backgroundCheck: false },
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: programs.id });
    }
    const programId = (program as { id: string }).id;
    /** The membership's id; an existing membership is left as it is. */
    const member = async (userId: string, role: "mentor" | "mentee" | "coordinator") => {
      await tx
        .insert(programMemberships)
        .values({ programId, userId, role, status: "active", createdAt: now, readyAt: role === "mentor" ? now : null })
        .onConflictDoNothing();
      const [m] = await tx
        .select({ id: programMemberships.id })
        .from(programMemberships)
        .where(and(eq(programMemberships.programId, programId), eq(programMemberships.userId, userId), eq(programMemberships.role, role)));
      return (m as { id: string }).id;
    };
    const intake = (membershipId: string, values: Omit<typeof programIntakes.$inferInsert, "membershipId">) =>
      tx
        .insert(programIntakes)
        .values({ membershipId, submittedAt: now, updatedAt: now, ...values })
        .onConflictDoNothing();
    await member(coordinator.id, "coordinator");
    for (const m of mentors) {
      const u = await upsertUser(m.email, m.name, m.tz, {
        bio: `${m.headline}. Happy to help with ${m.expertise.join(", ")}.`,
        languages: m.languages,
      });
      if (u.isNew) {
        await tx.insert(mentorProfiles).values({
          userId: u.id,
          headline: m.headline,
          expertise: m.expertise.map((e) => e.toLowerCase()),
          yearsExperience: m.years,
          mentoringStyles: m.styles,
          defaultCapacity: 3,
          updatedAt: now,
        });
      }
      await intake(await member(u.id, "mentor"), {
        skills: m.expertise,
        capacity: m.capacity,
        availability: m.availability,
        communication: m.communication,
        preferredStyle: m.styles[0] ?? "",
      });
    }
    for (const m of mentees) {
      const u = await upsertUser(m.email, m.name, m.tz, { bio: `Looking for guidance: ${m.goal.toLowerCase()}.`, languages: m.languages });
      if (u.isNew) {
        await tx.insert(menteeProfiles).values({
          userId: u.id,
          background: `Currently ${m.level.replace("_", " ")}.`,
          interests: m.interests.map((e) => e.toLowerCase()),
          level: m.level,
          updatedAt: now,
        });
        await tx.insert(menteeGoals).values({ userId: u.id, text: m.goal, priority: "high", position: 0, createdAt: now });
      }
      await intake(await member(u.id, "mentee"), {
        skills: m.interests,
        goals: m.goal,
        availability: m.availability,
        communication: m.communication,
        urgency: m.urgency,
      });
    }
    await seedDemoSchedule(tx, { programId, coordinatorId: coordinator.id, sessionMinutes: 60, now });
    if (admin.isNew) {
      await tx.insert(notifications).values({
        userId: admin.id,
        type: "system.welcome",
        title: "Welcome to the demo organisation",
        body: "Browse users, programs and the dev mailbox.",
        link: "/admin/users",
        createdAt: now,
      });
    }
  });
  return { created };
}

export function printDemoAccounts(publicUrl: string, password: string) {
  const lines = [
    "",
    `Demo program "Women in Tech 2027" seeded. Sign in at ${publicUrl} with any of:`,
    `  platform admin   ${demoAccounts.admin}`,
    `  coordinator      ${demoAccounts.coordinator}`,
    `  mentor           ${demoAccounts.mentor}   (5 more: *.mentor@demo.mentoring.local)`,
    `  mentee           ${demoAccounts.mentee}   (11 more: *.mentee@demo.mentoring.local)`,
    `  matched mentee   ${demoPairs[0]?.mentee ?? ""}   (six pairs have sessions; this one books with ${mentors[0]?.name ?? ""} at once)`,
    `  password (all)   ${password}`,
    `  new people join at ${publicUrl}/join with the invite code ${demoInviteCode.slice(0, 4)}-${demoInviteCode.slice(4)} (the coordinator approves them)`,
    "",
  ];
  console.log(lines.join("\n"));
}
