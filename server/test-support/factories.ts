import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import { programMemberships, programs } from "../../db/schema/programs";
import { users } from "../../db/schema/users";
import { hashPassword } from "../auth/password";
import { createSession, type SessionUser } from "../auth/session";
import type { Clock } from "../clock";

export const TEST_PASSWORD = "correct-horse-battery-staple-42";
let cachedHash: Promise<string> | undefined;

export async function makeUser(
  db: Db,
  opts: {
    email?: string;
    name?: string;
    verified?: boolean;
    admin?: boolean;
    status?: "active" | "suspended";
    password?: string;
    timezone?: string;
  } = {},
) {
  const email = opts.email ?? `user-${randomUUID().slice(0, 8)}@example.test`;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = opts.password ? await hashPassword(opts.password) : await cachedHash;
  const [u] = await db
    .insert(users)
    .values({
      email,
      name: opts.name ?? email.split("@")[0] ?? "user",
      passwordHash,
      emailVerifiedAt: opts.verified === false ? null : new Date(),
      isPlatformAdmin: opts.admin ?? false,
      status: opts.status ?? "active",
      timezone: opts.timezone ?? "UTC",
    })
    .returning({ id: users.id, email: users.email, name: users.name, isPlatformAdmin: users.isPlatformAdmin });
  if (!u) throw new Error("no user");
  return u;
}

export async function makeProgram(db: Db, opts: { name?: string; slug?: string } = {}) {
  const slug = opts.slug ?? `program-${randomUUID().slice(0, 8)}`;
  const [p] = await db
    .insert(programs)
    .values({ name: opts.name ?? `Program ${slug}`, slug })
    .returning({ id: programs.id, name: programs.name });
  if (!p) throw new Error("no program");
  return p;
}

export async function enrol(
  db: Db,
  programId: string,
  userId: string,
  role: "mentor" | "mentee" | "coordinator",
  status: "active" | "pending" = "active",
) {
  const [m] = await db.insert(programMemberships).values({ programId, userId, role, status }).returning({ id: programMemberships.id });
  return m as { id: string };
}

/** A signed-in session cookie value for the user (skips the password form). */
export async function sessionTokenFor(db: Db, clock: Clock, userId: string): Promise<string> {
  return (await createSession(db, clock, userId)).token;
}

export function sessionUser(u: { id: string; email: string; name: string; isPlatformAdmin: boolean }): SessionUser {
  return { id: u.id, email: u.email, name: u.name, isPlatformAdmin: u.isPlatformAdmin, status: "active", emailVerified: true };
}
