import { createSignal, For, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { errorMessage } from "../../lib/errors";
import { formatClock, formatWhen, recordActions, type SessionRecord, viewerZone } from "./queries";

export const statusLabels: Record<SessionRecord["status"], string> = {
  requested: "Requested",
  confirmed: "Confirmed",
  cancelled: "Cancelled",
  completed: "Completed",
  no_show: "No-show",
};
const statusTones: Record<SessionRecord["status"], BadgeTone> = {
  requested: "amber",
  confirmed: "indigo",
  cancelled: "neutral",
  completed: "green",
  no_show: "red",
};

/** When (in the viewer's zone, and each other person's own), who, the status, the meeting link and check-in. */
export function SessionSummary(props: { record: SessionRecord; now: Date; viewerId: string; onChanged: () => void }) {
  const r = () => props.record;
  const others = () => r().participants.filter((p) => p.id !== props.viewerId);
  const own = () => r().participants.find((p) => p.id === props.viewerId);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const checkInOpen = () => r().status === "confirmed" && props.now >= r().checkIn.opensAt && props.now < r().checkIn.closesAt;

  async function checkIn() {
    setBusy(true);
    setError(null);
    try {
      await recordActions.checkIn(r().id);
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Session" padded>
      <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt class="font-medium text-slate-600">When</dt>
        <dd class="text-slate-900">
          {formatWhen(r().start, viewerZone())} to {formatClock(r().end, viewerZone())}
        </dd>
        <dt class="font-medium text-slate-600">Who</dt>
        <dd class="text-slate-900">
          <ul class="flex flex-col gap-1">
            <For each={others()}>
              {(p) => (
                <li>
                  {p.name},{" "}
                  {p.role === "mentor" ? (r().kind === "group" ? "host" : "mentor") : r().kind === "group" ? "attendee" : "mentee"}
                  <Show when={p.timeZone !== viewerZone()}>
                    <span class="text-slate-600">
                      {" "}
                      (their time: {formatClock(r().start, p.timeZone)} to {formatClock(r().end, p.timeZone)})
                    </span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </dd>
        <dt class="font-medium text-slate-600">Program</dt>
        <dd class="text-slate-900">{r().programName}</dd>
        <dt class="font-medium text-slate-600">Status</dt>
        <dd>
          <Badge tone={statusTones[r().status]}>{statusLabels[r().status]}</Badge>
          <Show when={r().cancelReason}>
            <span class="ml-2 text-slate-700">Reason: {r().cancelReason}</span>
          </Show>
        </dd>
        <Show when={r().meetUrl}>
          <dt class="font-medium text-slate-600">Video call</dt>
          <dd>
            <a
              href={r().meetUrl}
              target="_blank"
              rel="noopener noreferrer"
              class="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900"
            >
              Join the call
            </a>
          </dd>
        </Show>
      </dl>
      <Show when={own() && r().status !== "cancelled"}>
        <div class="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          <Show
            when={!own()?.checkedInAt}
            fallback={<p class="text-sm text-slate-700">You checked in at {formatClock(own()?.checkedInAt as Date, viewerZone())}.</p>}
          >
            <Button onClick={checkIn} loading={busy()} disabled={!checkInOpen()}>
              Check in
            </Button>
            <p class="text-sm text-slate-600">
              <Show when={props.now < r().checkIn.opensAt} fallback={<Show when={!checkInOpen()}>Check-in is closed.</Show>}>
                Check-in opens at {formatClock(r().checkIn.opensAt, viewerZone())}, 10 minutes before the start.
              </Show>
            </p>
          </Show>
        </div>
      </Show>
      <Show when={error()}>
        <Alert tone="error" class="mt-3">
          {errorMessage(error())}
        </Alert>
      </Show>
    </Card>
  );
}
