import type { RouteSectionProps } from "@solidjs/router";
import { createEffect } from "solid-js";
import { setDisplayTimeZone } from "../lib/time-zone";
import AppShell from "./app-shell";
import { SessionGate } from "./guards";
import { MeContext } from "./me-context";

/** Every page under it needs a signed-in, onboarded person. */
export default function SignedInLayout(props: RouteSectionProps) {
  return (
    <SessionGate onboarded>
      {(me) => {
        // Every time on the signed-in pages is shown in the profile's zone, and follows it when it changes.
        createEffect(() => setDisplayTimeZone(me().timezone));
        return (
          <MeContext.Provider value={me}>
            <AppShell me={me()}>{props.children}</AppShell>
          </MeContext.Provider>
        );
      }}
    </SessionGate>
  );
}
