import { sessionLinkRescheduleInput } from "@shared/modules/session-link/session-link.schema";
import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessage } from "../../lib/errors";
import { createFormErrors, focusFirstInvalid, issuesOf } from "../../lib/form";
import {
  groupByDay,
  rescheduleByLink,
  type SessionLinkSlot,
  type SessionLinkView,
  SLOT_DAYS,
  sessionLinkKeys,
  sessionLinkQueries,
  splitLocal,
} from "./queries";
import { ReasonField } from "./reason-field";

const DAY_MS = 86_400_000;

/** "Choose a new time": the pair's free slots for the next two weeks by day, both zones, then a confirm step. */
export function RescheduleByLink(props: { token: string; view: SessionLinkView; onMoved: (view: SessionLinkView) => void }) {
  const queryClient = useQueryClient();
  // Fixed when the section opens, so the query key does not change on every render.
  const from = new Date().toISOString();
  const to = new Date(Date.now() + SLOT_DAYS * DAY_MS).toISOString();
  const slots = createQuery(() => sessionLinkQueries.slots(props.token, from, to));
  const [chosen, setChosen] = createSignal<SessionLinkSlot | null>(null);
  const [reason, setReason] = createSignal("");
  const errors = createFormErrors();
  const shown = (path: string) => path === "reason";
  // Only the reason is typed here; the chosen slot's start is always valid, so the live check looks at the reason.
  errors.live(() => issuesOf(sessionLinkRescheduleInput.pick({ reason: true }), { reason: reason() }), { shown });
  let reasonBox: HTMLDivElement | undefined;
  const move = createMutation(() => ({
    mutationFn: rescheduleByLink,
    onSuccess: (view) => {
      queryClient.setQueryData(sessionLinkKeys.view(props.token), view);
      void queryClient.invalidateQueries({ queryKey: ["sessionLink", "slots"] });
      setChosen(null);
      props.onMoved(view);
    },
    onError: (err) => errors.fromServer(err, (path) => path === "reason"),
  }));

  function confirm() {
    const slot = chosen();
    if (!slot) return;
    const input = errors.parse(sessionLinkRescheduleInput, { token: props.token, start: slot.start, reason: reason() }, { shown });
    if (input) move.mutate(input);
    else focusFirstInvalid(reasonBox);
  }

  return (
    <section aria-labelledby="choose-time" class="flex flex-col gap-4">
      <h2 id="choose-time" class="text-lg font-semibold text-slate-900">
        Choose a new time
      </h2>
      <p class="text-sm text-slate-600">
        Free times for you and {props.view.otherName} in the next {SLOT_DAYS} days, in your time zone ({props.view.timeZone}), with{" "}
        {props.view.otherName}'s local time below each.
      </p>
      <Show when={!slots.isPending} fallback={<LoadingBlock label="Finding free times" />}>
        <Show when={!slots.error} fallback={<Alert tone="error">{errorMessage(slots.error)}</Alert>}>
          <Show
            when={(slots.data?.slots.length ?? 0) > 0}
            fallback={
              <Alert tone="info" title="No free times in the next two weeks">
                <For each={slots.data?.whyNone ?? []}>{(why) => <p>{why}</p>}</For>
              </Alert>
            }
          >
            <div class="flex flex-col gap-4">
              <For each={groupByDay(slots.data?.slots ?? [])}>
                {(group) => (
                  <fieldset class="flex flex-col gap-2">
                    <legend class="mb-2 text-sm font-semibold text-slate-800">{group.day}</legend>
                    <ul class="grid grid-cols-1 gap-2 sm:grid-cols-2">
                      <For each={group.slots}>
                        {(slot) => (
                          <li>
                            <button
                              type="button"
                              class="flex w-full flex-col items-start rounded-lg px-3 py-2 text-left ring-1 ring-slate-300 ring-inset hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
                              onClick={() => {
                                errors.clear();
                                setChosen(slot);
                              }}
                            >
                              <span class="text-sm font-medium text-slate-900">{splitLocal(slot.viewerLocal).time}</span>
                              <span class="text-xs text-slate-600">
                                {props.view.otherName}: {slot.otherLocal}
                              </span>
                            </button>
                          </li>
                        )}
                      </For>
                    </ul>
                  </fieldset>
                )}
              </For>
            </div>
          </Show>
        </Show>
      </Show>

      <Dialog
        open={chosen() !== null}
        onOpenChange={(open) => {
          if (!open) setChosen(null);
        }}
        title="Confirm the new time"
        description={
          <>
            Move your session with {props.view.otherName} to <strong>{chosen()?.viewerLocal}</strong> ({props.view.otherName}:{" "}
            {chosen()?.otherLocal}).
          </>
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setChosen(null)}>
              Back
            </Button>
            <Button loading={move.isPending} onClick={confirm}>
              Move session
            </Button>
          </>
        }
      >
        <div ref={reasonBox} class="flex flex-col gap-3">
          <Show when={props.view.isInsideNotice}>
            <p class="text-sm text-amber-800">This is within the {props.view.noticeHours}-hour notice, so the move is recorded as late.</p>
          </Show>
          <ReasonField label="Why are you moving it?" value={reason()} onInput={setReason} errors={errors} />
        </div>
      </Dialog>
    </section>
  );
}
