import { z } from "zod";

export const listUsersInput = z.object({
  q: z.string().trim().max(100, "Use at most 100 characters.").default(""),
  status: z.enum(["any", "active", "suspended"]).default("any"),
  role: z.enum(["any", "platform_admin", "mentor", "mentee", "coordinator"]).default("any"),
  page: z.number().int().min(1).max(100000).default(1),
  pageSize: z.number().int().min(5).max(100).default(20),
});
export type ListUsersInput = z.input<typeof listUsersInput>;

export const setUserStatusInput = z.object({
  userId: z.uuid(),
  status: z.enum(["active", "suspended"]),
  reason: z.string().trim().max(500).default(""),
});

export const setPlatformAdminInput = z.object({ userId: z.uuid(), isPlatformAdmin: z.boolean() });
