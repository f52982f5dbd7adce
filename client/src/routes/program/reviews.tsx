import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { ChecklistSetup } from "../../features/onboarding/checklist-setup";
import { ReviewQueue } from "../../features/onboarding/review-queue";
import { usePageTitle } from "../../lib/title";
import { useProgramView } from "./program-context";

/** Staff: the review queue first (the daily work), then the checklist setup. */
export default function ReviewsPage() {
  const view = useProgramView();
  usePageTitle(() => `Reviews · ${view().program.name}`);
  return (
    <Show when={view().isStaff} fallback={<Alert tone="error">Only the program's coordinators can review mentor checklists.</Alert>}>
      <div class="flex flex-col gap-6">
        <ReviewQueue programId={view().program.id} />
        <ChecklistSetup programId={view().program.id} />
      </div>
    </Show>
  );
}
