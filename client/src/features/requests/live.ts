import { queryClient } from "../../lib/query-client";
import { useLiveEvents } from "../../lib/socket";
import { requestKeys } from "./queries";

/** Keeps the request pages live while they are open: request and match changes are signals to refetch. */
export function useRequestsLive() {
  const refresh = () => void queryClient.invalidateQueries({ queryKey: requestKeys.root });
  useLiveEvents(["request:changed", "match:changed"], refresh, refresh);
}
