import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { programQueries } from "./queries";

/**
 * The seeded demo program's invite code, for someone who is in no program yet. Shown only while the demo program
 * still takes that code, so a real organisation never sees it once the coordinator regenerates the code.
 */
export function DemoInviteHint(props: { class?: string; link?: boolean }) {
  const invite = createQuery(() => programQueries.demoInvite());
  return (
    <Show when={invite.data}>
      {(d) => (
        <p class={`text-sm text-slate-700 ${props.class ?? ""}`}>
          Trying the demo? Join <strong>{d().programName}</strong> with the invite code{" "}
          <code class="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900">{d().code}</code>
          <Show when={props.link !== false}>
            {" "}
            (
            <A href={`/join?code=${encodeURIComponent(d().code)}`} class="font-medium text-indigo-700 underline hover:text-indigo-900">
              join with it
            </A>
            )
          </Show>
          .
        </p>
      )}
    </Show>
  );
}
