import type { RouteSectionProps } from "@solidjs/router";
import AppShell from "./app-shell";
import { SessionGate } from "./guards";
import { MeContext } from "./me-context";

/** Every page under it needs a signed-in, onboarded person. */
export default function SignedInLayout(props: RouteSectionProps) {
  return (
    <SessionGate onboarded>
      {(me) => (
        <MeContext.Provider value={me}>
          <AppShell me={me()}>{props.children}</AppShell>
        </MeContext.Provider>
      )}
    </SessionGate>
  );
}
