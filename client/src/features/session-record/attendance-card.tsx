import { createSignal, For, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Select } from "../../components/ui/select";
import { errorMessage } from "../../lib/errors";
import { formatClock, type RecordParticipant, recordActions, type SessionRecord, viewerZone } from "./queries";

const attendanceLabels = { attended: "Attended", no_show: "No-show" } as const;

/**
 * Who checked in, who attended, and "Complete session". Marks open at the start; a one-to-one mentee can only
 * call the mentor a no-show (the server holds the same rule).
 */
export function AttendanceCard(props: { record: SessionRecord; now: Date; onChanged: () => void }) {
  const r = () => props.record;
  const [error, setError] = createSignal<unknown>(null);
  const [completing, setCompleting] = createSignal(false);
  const started = () => props.now >= r().start;
  const canMark = (p: RecordParticipant) => r().viewer.canMark.includes(p.id);
  const optionsFor = () => {
    const onlyNoShow = !r().viewer.isStaff && r().viewer.role === "mentee";
    return [
      { value: "", label: "Not marked" },
      ...(onlyNoShow ? [] : [{ value: "attended", label: "Attended" }]),
      { value: "no_show", label: "No-show" },
    ];
  };

  async function mark(p: RecordParticipant, value: string) {
    setError(null);
    try {
      await recordActions.markAttendance({
        sessionId: r().id,
        userId: p.id,
        attendance: value === "attended" || value === "no_show" ? value : null,
      });
      props.onChanged();
    } catch (err) {
      setError(err);
      props.onChanged();
    }
  }

  async function complete() {
    setCompleting(true);
    setError(null);
    try {
      await recordActions.complete(r().id);
      props.onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setCompleting(false);
    }
  }

  const canComplete = () => r().status === "confirmed" && started() && (r().viewer.role !== null || r().viewer.isStaff);

  return (
    <Card title="Attendance">
      <ul class="flex flex-col gap-3">
        <For each={r().participants}>
          {(p) => (
            <li class="flex flex-wrap items-end justify-between gap-3 text-sm">
              <div>
                <p class="font-medium text-slate-900">{p.name}</p>
                <p class="text-slate-600">
                  {p.checkedInAt ? `Checked in at ${formatClock(p.checkedInAt, viewerZone())}` : "Not checked in"}
                  <Show when={p.attendance && !(canMark(p) && started())}>
                    , {attendanceLabels[p.attendance as "attended" | "no_show"]}
                  </Show>
                </p>
              </div>
              <Show when={canMark(p) && started()}>
                <Select
                  label={`Attendance of ${p.name}`}
                  value={p.attendance ?? ""}
                  options={optionsFor()}
                  onChange={(v) => mark(p, v)}
                  class="min-w-40"
                />
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={!started() && r().status !== "cancelled"}>
        <p class="mt-3 text-sm text-slate-600">Attendance can be marked once the session has started.</p>
      </Show>
      <Show when={error()}>
        <Alert tone="error" class="mt-3">
          {errorMessage(error())}
        </Alert>
      </Show>
      <Show when={r().completedAt}>
        <p class="mt-3 text-sm text-slate-700">
          Completed {r().completedBy ? `by ${r().completedBy?.name} ` : ""}at {formatClock(r().completedAt as Date, viewerZone())}.
        </p>
      </Show>
      <Show when={canComplete()}>
        <div class="mt-4 border-t border-slate-100 pt-4">
          <Button onClick={complete} loading={completing()}>
            Complete session
          </Button>
          <p class="mt-2 text-sm text-slate-600">People who checked in and are not marked count as attended.</p>
        </div>
      </Show>
    </Card>
  );
}
