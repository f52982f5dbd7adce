import { Show } from "solid-js";
import { HostOfficeHoursForm } from "../../features/office-hours/host-form";
import { OfficeHoursList } from "../../features/office-hours/office-hours-list";
import { useProgramView } from "./program-context";

/**
 * "Office hours": mentors (and staff) host group sessions and see who took their seats; mentees and mentors take
 * and give back seats in the program's upcoming office hours; staff see and manage all of them.
 */
export default function ProgramOfficeHours() {
  const view = useProgramView();
  const canHost = () => view().isMentor || view().isStaff;
  const canTakeSeats = () => view().isMentor || view().isMentee;
  return (
    <div class="flex flex-col gap-8">
      <Show when={canHost()}>
        <HostOfficeHoursForm programId={view().program.id} sessionMinutes={view().program.sessionMinutes} />
      </Show>
      <Show when={view().isMentor && !view().isStaff}>
        <OfficeHoursList
          programId={view().program.id}
          canTakeSeats={false}
          title="Office hours you host"
          filter={(s) => s.mine === "host"}
        />
      </Show>
      <OfficeHoursList
        programId={view().program.id}
        canTakeSeats={canTakeSeats()}
        title={view().isStaff ? "All upcoming office hours" : "Upcoming office hours"}
        filter={view().isStaff ? undefined : (s) => s.mine !== "host"}
      />
    </div>
  );
}
