import { queryOptions } from "@tanstack/solid-query";
import { queryKeys } from "../../lib/query-keys";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type Program = RouterOutputs["program"]["list"][number];
export type Member = RouterOutputs["program"]["members"][number];

export const programQueries = {
  list: () => queryOptions({ queryKey: [...queryKeys.programs, "list"] as const, queryFn: () => trpc.program.list.query() }),
  get: (programId: string) =>
    queryOptions({ queryKey: [...queryKeys.programs, "get", programId] as const, queryFn: () => trpc.program.get.query({ programId }) }),
  members: (programId: string) =>
    queryOptions({
      queryKey: [...queryKeys.programs, "members", programId] as const,
      queryFn: () => trpc.program.members.query({ programId }),
    }),
};

export const roleLabels = { mentor: "Mentor", mentee: "Mentee", coordinator: "Coordinator" } as const;
export const statusLabels = { draft: "Draft", active: "Active", archived: "Archived" } as const;
