import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { FindMentor } from "../../features/requests/find-mentor";
import { useRequestsLive } from "../../features/requests/live";
import { useProgramView } from "./program-context";

/** "Find a mentor": suggestions and browsing for the program's mentees. */
export default function MentorsPage() {
  const view = useProgramView();
  useRequestsLive();
  return (
    <Show when={view().isMentee} fallback={<Alert tone="info">Only mentees of this program look for a mentor here.</Alert>}>
      <FindMentor programId={view().program.id} />
    </Show>
  );
}
