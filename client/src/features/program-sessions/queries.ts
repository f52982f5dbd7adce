import { queryOptions } from "@tanstack/solid-query";
import { type RouterInputs, type RouterOutputs, trpc } from "../../lib/trpc";

export type ProgramSession = RouterOutputs["programSessions"]["list"][number];
export type ProgramSessionFilters = Omit<RouterInputs["programSessions"]["list"], "programId" | "from" | "to">;
export type ProgramSessionStatus = ProgramSession["status"];

export const programSessionsKeys = { root: ["programSessions"] as const };

/** What the calendar's function source asks for each visible range, with the filters in force. */
export function fetchProgramSessions(programId: string, from: Date, to: Date, filters: ProgramSessionFilters): Promise<ProgramSession[]> {
  return trpc.programSessions.list.query({ programId, from: from.toISOString(), to: to.toISOString(), ...filters });
}

export const programSessionsQueries = {
  summary: (programId: string, range: { from: Date; to: Date }) =>
    queryOptions({
      queryKey: [...programSessionsKeys.root, "summary", programId, range.from.toISOString(), range.to.toISOString()] as const,
      queryFn: () => trpc.programSessions.summary.query({ programId, from: range.from.toISOString(), to: range.to.toISOString() }),
    }),
};

export const kindLabels: Record<ProgramSession["kind"], string> = { one_to_one: "One-to-one", group: "Group and office hours" };
