import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { ProgramSettingsForm } from "../../features/programs/program-settings-form";
import { usePageTitle } from "../../lib/title";
import { useSignedInMe } from "../me-context";
import { useProgramView } from "./program-context";

export default function ProgramSettingsPage() {
  const view = useProgramView();
  const me = useSignedInMe();
  usePageTitle(() => `Settings · ${view().program.name}`);
  return (
    <Show when={view().isStaff} fallback={<Alert tone="error">Only the program's coordinators change its settings.</Alert>}>
      {/* Keyed on the id so the form starts from the saved values when switching programs. */}
      <Show when={view().program.id} keyed>
        <div class="max-w-3xl">
          <ProgramSettingsForm program={view().program} isPlatformAdmin={me().isPlatformAdmin} />
        </div>
      </Show>
    </Show>
  );
}
