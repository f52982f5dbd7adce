import { queryClient } from "../../lib/query-client";
import { useLiveEvents } from "../../lib/socket";
import { matchRoot } from "./queries";

/** Keeps the board's queries fresh while it is on screen: request, match and program changes of this program. */
export function useLiveProgram(programId: () => string, extraKeys: readonly (readonly unknown[])[] = []) {
  const refreshAll = () => {
    void queryClient.invalidateQueries({ queryKey: matchRoot });
    for (const key of extraKeys) void queryClient.invalidateQueries({ queryKey: key });
  };
  useLiveEvents(
    ["request:changed", "match:changed", "program:changed"],
    (data) => {
      if (data.programId === programId()) refreshAll();
    },
    refreshAll,
  );
}
