import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { buttonClass } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { AddMemberForm, MemberList, ProgramSummary } from "../../features/programs/program-detail";
import { useProgramView } from "./program-context";

export default function ProgramOverviewPage() {
  const view = useProgramView();
  return (
    <div class="grid items-start gap-6 lg:grid-cols-3">
      <div class="flex flex-col gap-6 lg:col-span-2">
        <ProgramSummary program={view().program} />
        <Show when={view().isStaff}>
          <MemberList programId={view().program.id} />
        </Show>
      </div>
      <Show when={view().isStaff}>
        <div class="flex flex-col gap-6">
          <AddMemberForm programId={view().program.id} />
          <Card title="Message templates" description="Word the notifications this program's members receive.">
            <A href={`/programs/${view().program.id}/templates`} class={buttonClass("secondary", "sm")}>
              Edit message templates
            </A>
          </Card>
        </div>
      </Show>
    </div>
  );
}
