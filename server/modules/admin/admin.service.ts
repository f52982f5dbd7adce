import { and, count, desc, eq, exists, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, escapeLike } from "../../../db/client";
import { programMemberships } from "../../../db/schema/programs";
import { users } from "../../../db/schema/users";
import { invalidateUserSessions, type SessionUser } from "../../auth/session";
import type { Clock } from "../../clock";
import { AppError } from "../../errors";
import type { Realtime } from "../../realtime/realtime";
import { audit } from "../auth/auth.service";
import { photoUrl } from "../auth/me.service";
import { deliveryCounts } from "../notification/delivery-log.service";
import type { listUsersInput } from "./admin.schema";

type Deps = { db: Db; clock: Clock; realtime: Realtime };

export const adminUserRow = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  photoUrl: z.string().nullable(),
  status: z.enum(["active", "suspended"]),
  isPlatformAdmin: z.boolean(),
  emailVerified: z.boolean(),
  createdAt: z.date(),
  lastActiveAt: z.date().nullable(),
  roles: z.array(z.string()),
});

export async function listUsers(deps: Deps, input: z.output<typeof listUsersInput>) {
  const filters: (SQL | undefined)[] = [];
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    filters.push(or(ilike(users.name, pattern), ilike(users.email, pattern)));
  }
  if (input.status !== "any") filters.push(eq(users.status, input.status));
  if (input.role === "platform_admin") filters.push(eq(users.isPlatformAdmin, true));
  else if (input.role !== "any") {
    filters.push(
      exists(
        deps.db
          .select({ one: sql`1` })
          .from(programMemberships)
          .where(
            and(eq(programMemberships.userId, users.id), eq(programMemberships.role, input.role), eq(programMemberships.status, "active")),
          ),
      ),
    );
  }
  const where = and(...filters);
  const [total] = await deps.db.select({ n: count() }).from(users).where(where);
  const rows = await deps.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      photoFileId: users.photoFileId,
      status: users.status,
      isPlatformAdmin: users.isPlatformAdmin,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
      lastActiveAt: users.lastActiveAt,
    })
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), users.id)
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  // One query for the roles of the whole page, not one per row.
  const memberships =
    rows.length === 0
      ? []
      : await deps.db
          .select({ userId: programMemberships.userId, role: programMemberships.role })
          .from(programMemberships)
          .where(
            and(
              inArray(
                programMemberships.userId,
                rows.map((r) => r.id),
              ),
              eq(programMemberships.status, "active"),
            ),
          );
  const items = rows.map(({ photoFileId, emailVerifiedAt, ...r }) => ({
    ...r,
    photoUrl: photoUrl(photoFileId),
    emailVerified: emailVerifiedAt !== null,
    roles: [...new Set(memberships.filter((m) => m.userId === r.id).map((m) => m.role))],
  }));
  const totalCount = Number(total?.n ?? 0);
  return {
    items,
    total: totalCount,
    page: input.page,
    pageSize: input.pageSize,
    pages: Math.max(1, Math.ceil(totalCount / input.pageSize)),
  };
}

export async function setUserStatus(deps: Deps, actor: SessionUser, userId: string, status: "active" | "suspended", reason: string) {
  if (userId === actor.id) throw AppError.field("userId", "You cannot change your own account status.");
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ status, updatedAt: deps.clock.now() })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError("NOT_FOUND", "User not found.");
    if (status === "suspended") {
      // Suspension takes effect at once: every session and every open socket, on every instance.
      await invalidateUserSessions(tx, userId);
      await deps.realtime.disconnectUser(tx, userId);
    }
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: `admin.user_${status}`,
      targetType: "user",
      targetId: userId,
      detail: reason,
    });
  });
}

export async function setPlatformAdmin(deps: Deps, actor: SessionUser, userId: string, isPlatformAdmin: boolean) {
  if (userId === actor.id && !isPlatformAdmin) throw AppError.field("userId", "You cannot remove your own administrator rights.");
  await deps.db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ isPlatformAdmin, updatedAt: deps.clock.now() })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) throw new AppError("NOT_FOUND", "User not found.");
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: isPlatformAdmin ? "admin.grant_admin" : "admin.revoke_admin",
      targetType: "user",
      targetId: userId,
    });
    await deps.realtime.toUser(tx, userId, "account:changed", {});
  });
}

export async function overview(deps: Deps) {
  const [u] = await deps.db.select({ n: count() }).from(users);
  const [s] = await deps.db.select({ n: count() }).from(users).where(eq(users.status, "suspended"));
  const d = await deliveryCounts(deps.db);
  return {
    users: Number(u?.n ?? 0),
    suspended: Number(s?.n ?? 0),
    deliveries: { pending: d.pending, sent: d.sent, failed: d.failed, dead: d.dead },
  };
}
