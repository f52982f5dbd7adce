import { useNavigate } from "@solidjs/router";
import { queryClient } from "../lib/query-client";
import { queryKeys } from "../lib/query-keys";
import { stopRealtime } from "../lib/socket";
import { trpc } from "../lib/trpc";

/**
 * Leaves the signed-in app: closes the live connection, goes to sign-in, then forgets every cached answer so
 * nothing of this account is shown to the next person using the browser.
 */
export function useLeaveApp() {
  const navigate = useNavigate();
  return () => {
    stopRealtime();
    navigate("/sign-in", { replace: true });
    queryClient.clear();
    queryClient.setQueryData(queryKeys.me, null);
  };
}

/** Signs out of this browser; the local state is cleared even if the server cannot be reached. */
export function useSignOut() {
  const leave = useLeaveApp();
  return async () => {
    try {
      await trpc.auth.signOut.mutate();
    } finally {
      leave();
    }
  };
}
