import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { ApprovalQueue } from "../../features/programs/approval-queue";
import { InvitePanel } from "../../features/programs/invite-panel";
import { MemberRoster } from "../../features/programs/members-roster";
import { AddMemberForm } from "../../features/programs/program-detail";
import { usePageTitle } from "../../lib/title";
import { useSignedInMe } from "../me-context";
import { useProgramView } from "./program-context";

export default function ProgramMembersPage() {
  const view = useProgramView();
  const me = useSignedInMe();
  usePageTitle(() => `Members · ${view().program.name}`);
  return (
    <Show when={view().isStaff} fallback={<Alert tone="error">Only the program's coordinators see its members.</Alert>}>
      <div class="grid items-start gap-6 lg:grid-cols-3">
        <div class="flex flex-col gap-6 lg:col-span-2">
          <ApprovalQueue programId={view().program.id} />
          <MemberRoster programId={view().program.id} isPlatformAdmin={me().isPlatformAdmin} />
        </div>
        <div class="flex flex-col gap-6">
          <AddMemberForm programId={view().program.id} canAppointCoordinators={me().isPlatformAdmin} />
          <InvitePanel program={view().program} />
        </div>
      </div>
    </Show>
  );
}
