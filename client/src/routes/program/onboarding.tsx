import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { IntakeForm } from "../../features/onboarding/intake-form";
import { MentorChecklist } from "../../features/onboarding/mentor-checklist";
import { usePageTitle } from "../../lib/title";
import { useProgramView } from "./program-context";

/** "Get started": the intake for each of the viewer's roles here, and the mentor checklist. */
export default function OnboardingPage() {
  const view = useProgramView();
  usePageTitle(() => `Get started · ${view().program.name}`);
  return (
    <div class="flex flex-col gap-6">
      <Show when={!view().isMentor && !view().isMentee}>
        <Alert tone="info">This page is for the program's mentors and mentees.</Alert>
      </Show>
      <Show when={view().isMentor}>
        <MentorChecklist programId={view().program.id} />
        <IntakeForm programId={view().program.id} memberRole="mentor" />
      </Show>
      <Show when={view().isMentee}>
        <IntakeForm programId={view().program.id} memberRole="mentee" />
      </Show>
    </div>
  );
}
