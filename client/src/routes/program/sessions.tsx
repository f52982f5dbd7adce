import { Show } from "solid-js";
import { FullCalendar } from "../../components/calendar/full-calendar";
import { Alert } from "../../components/ui/alert";
import { sessionStatusColors, sessionStatusLabels } from "../../features/calendar/queries";
import { ProgramSessionsView } from "../../features/program-sessions/program-sessions-view";
import { usePageTitle } from "../../lib/title";
import { useProgramView } from "./program-context";

const palette = { labels: sessionStatusLabels, colors: sessionStatusColors };

/** Every session of the program, for its coordinators: the calendar feature's wrapper and colours, the staff view. */
export default function ProgramSessions() {
  const view = useProgramView();
  usePageTitle(() => `Sessions · ${view().program.name}`);
  return (
    <Show when={view().isStaff} fallback={<Alert tone="error">Only the program's coordinators see all of its sessions.</Alert>}>
      <Show when={view().program.id} keyed>
        {(programId) => <ProgramSessionsView programId={programId} calendar={FullCalendar} palette={palette} />}
      </Show>
    </Show>
  );
}
