import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { useRequestsLive } from "../../features/requests/live";
import { MenteeRequests, MentorRequests } from "../../features/requests/request-lists";
import { useProgramView } from "./program-context";

/** "Requests": what a mentee sent and what a mentor received, both kept live. */
export default function RequestsPage() {
  const view = useProgramView();
  useRequestsLive();
  return (
    <div class="flex flex-col gap-8">
      <Show when={view().isMentor}>
        <MentorRequests programId={view().program.id} />
      </Show>
      <Show when={view().isMentee}>
        <MenteeRequests programId={view().program.id} />
      </Show>
      <Show when={!view().isMentor && !view().isMentee}>
        <Alert tone="info">Requests are between the program's mentees and mentors.</Alert>
      </Show>
    </div>
  );
}
