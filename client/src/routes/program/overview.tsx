import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { buttonClass } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { MyMatchesCard } from "../../features/board/match-detail";
import { NextStepCard } from "../../features/next-step/next-step-card";
import { InvitePanel } from "../../features/programs/invite-panel";
import { ProgramSummary } from "../../features/programs/program-detail";
import { plural } from "../../lib/plural";
import { useProgramView } from "./program-context";

export default function ProgramOverviewPage() {
  const view = useProgramView();
  const base = () => `/programs/${view().program.id}`;
  return (
    <div class="grid items-start gap-6 lg:grid-cols-3">
      <div class="flex flex-col gap-6 lg:col-span-2">
        <Show when={view().isStaff && view().program.counts.pending > 0}>
          <Alert
            tone="info"
            actions={
              <A href={`${base()}/members`} class={buttonClass("secondary", "sm")}>
                Review requests
              </A>
            }
          >
            {plural(view().program.counts.pending, "person is", "people are")} waiting for your approval.
          </Alert>
        </Show>
        <ProgramSummary program={view().program} isStaff={view().isStaff} />
      </div>
      <div class="flex flex-col gap-6">
        <Show when={view().isMentor || view().isMentee}>
          <MyMatchesCard programId={view().program.id} />
        </Show>
        <Show when={view().isMentor || view().isMentee}>
          {/* The same step Home shows for this program: matched people are never sent back to onboarding. */}
          <NextStepCard programId={view().program.id} />
        </Show>
        <Show when={view().isStaff}>
          <InvitePanel program={view().program} />
          <Card title="Run the program" description="Members, approvals, settings and message wording.">
            <div class="flex flex-wrap gap-2">
              <A href={`${base()}/members`} class={buttonClass("secondary", "sm")}>
                Members
              </A>
              <A href={`${base()}/settings`} class={buttonClass("secondary", "sm")}>
                Settings
              </A>
              <A href={`${base()}/templates`} class={buttonClass("secondary", "sm")}>
                Message templates
              </A>
            </div>
          </Card>
        </Show>
      </div>
    </div>
  );
}
