import { z } from "zod";
import { membershipStatuses } from "../../../db/schema/programs";

export const programStatus = ["draft", "active", "archived"] as const;
export const membershipRoles = ["mentor", "mentee", "coordinator"] as const;

export const createProgramInput = z.object({
  name: z.string().trim().min(2, "Use at least 2 characters.").max(120, "Use at most 120 characters."),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(2, "Use at least 2 characters.")
    .max(60, "Use at most 60 characters.")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens."),
  description: z.string().trim().max(4000, "Use at most 4000 characters.").default(""),
  status: z.enum(programStatus).default("active"),
});
export type CreateProgramInput = z.input<typeof createProgramInput>;

export const updateProgramInput = createProgramInput.partial().extend({ programId: z.uuid() });

export const programIdInput = z.object({ programId: z.uuid("Not a valid program id.") });

export const addMemberInput = z.object({
  programId: z.uuid(),
  email: z.string().trim().pipe(z.email("Enter a valid email address.")),
  role: z.enum(membershipRoles),
});

export const setMemberStatusInput = z.object({
  programId: z.uuid(),
  membershipId: z.uuid(),
  status: z.enum(membershipStatuses),
});
