import { queryOptions } from "@tanstack/solid-query";
import { queryKeys } from "../../lib/query-keys";
import { type RouterInputs, type RouterOutputs, trpc } from "../../lib/trpc";

/** A program as the program pages see it: settings for every member, the invite only for staff. */
export type Program = RouterOutputs["program"]["get"];
export type ProgramListItem = RouterOutputs["program"]["list"][number];
export type Member = RouterOutputs["program"]["members"][number];
export type JoinRequest = RouterOutputs["program"]["joinRequests"][number];
export type DirectoryEntry = RouterOutputs["program"]["directory"][number];
export type JoinTarget = RouterInputs["program"]["joinPreview"];

export const programQueries = {
  list: () => queryOptions({ queryKey: [...queryKeys.programs, "list"] as const, queryFn: () => trpc.program.list.query() }),
  get: (programId: string) =>
    queryOptions({ queryKey: [...queryKeys.programs, "get", programId] as const, queryFn: () => trpc.program.get.query({ programId }) }),
  members: (programId: string) =>
    queryOptions({
      queryKey: [...queryKeys.programs, "members", programId] as const,
      queryFn: () => trpc.program.members.query({ programId }),
    }),
  joinRequests: (programId: string) =>
    queryOptions({
      queryKey: [...queryKeys.programs, "joinRequests", programId] as const,
      queryFn: () => trpc.program.joinRequests.query({ programId }),
    }),
  demoInvite: () =>
    queryOptions({
      queryKey: [...queryKeys.programs, "demoInvite"] as const,
      queryFn: () => trpc.program.demoInvite.query(),
      staleTime: 60_000,
    }),
  directory: () => queryOptions({ queryKey: [...queryKeys.programs, "directory"] as const, queryFn: () => trpc.program.directory.query() }),
  joinPreview: (target: JoinTarget) =>
    queryOptions({
      queryKey: [...queryKeys.programs, "joinPreview", target] as const,
      queryFn: () => trpc.program.joinPreview.query(target),
      retry: false,
    }),
};

export const roleLabels = { mentor: "Mentor", mentee: "Mentee", coordinator: "Coordinator" } as const;
export const statusLabels = { draft: "Draft", active: "Active", archived: "Archived" } as const;
export const memberStatusLabels = { pending: "Waiting for approval", active: "Active", declined: "Declined", removed: "Removed" } as const;
export const typeLabels = { one_to_one: "One-to-one", group: "Group" } as const;
export const joinModeLabels = {
  open: "Open: anyone signed in can join",
  invite_link: "Invite link only",
  invite_code: "Invite code only",
} as const;
export const matchingModeLabels = {
  mentee_choice: "Mentees choose their mentor",
  reviewed: "Coordinators review suggestions",
  cohort: "Coordinators match the whole cohort at once",
} as const;
export const matchingModeDescriptions = {
  mentee_choice: "Mentees browse suggested mentors and send requests; mentors accept or decline.",
  reviewed: "The system suggests mentors for each mentee; a coordinator approves each pair before it starts.",
  cohort: "A coordinator runs matching for everyone at once, previews the result and publishes it.",
} as const;
export const channelLabels = { email: "Email", sms: "Text message", in_app: "In the app" } as const;

/** "2 days", "3 hours", "15 minutes": a reminder offset in words. */
export function minutesInWords(minutes: number): string {
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  if (minutes % 1440 === 0) return unit(minutes / 1440, "day");
  if (minutes % 60 === 0) return unit(minutes / 60, "hour");
  return unit(minutes, "minute");
}

/** Invite codes are stored as 8 characters and shown as ABCD-EFGH. */
export function formatInviteCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
