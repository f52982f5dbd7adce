import { Match, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { TemplatesWorkspace } from "../../features/templates/templates-workspace";
import { usePageTitle } from "../../lib/title";
import { useProgramView } from "./program-context";

/** A program's own wording of its notifications, for its coordinators (and platform admins). */
export default function ProgramTemplatesPage() {
  const view = useProgramView();
  usePageTitle(() => `Message templates · ${view().program.name}`);
  return (
    <>
      <p class="mb-4 text-sm text-slate-600">
        Messages to this program's members use these wordings; the rest follow the platform templates.
      </p>
      <Switch>
        <Match when={!view().isStaff}>
          <Alert tone="error">Only this program's coordinators can edit its templates.</Alert>
        </Match>
        <Match when={view().isStaff}>
          <TemplatesWorkspace scope={view().program.id} />
        </Match>
      </Switch>
    </>
  );
}
