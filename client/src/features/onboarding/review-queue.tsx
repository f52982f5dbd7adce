import { reviewInput } from "@shared/modules/onboarding/onboarding.schema";
import { createQuery } from "@tanstack/solid-query";
import { createMemo, createSignal, For, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Checkbox } from "../../components/ui/checkbox";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessage } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { formatDateTime } from "../../lib/format";
import { trpc } from "../../lib/trpc";
import { invalidateOnboarding, onboardingQueries, type ReviewItem, stepStatusLabels, stepStatusTones } from "./queries";

const keyOf = (i: ReviewItem) => `${i.membershipId}:${i.step}`;

/** Staff: steps waiting for a decision, approved or rejected one at a time or selected in bulk. */
export function ReviewQueue(props: { programId: string }) {
  const queue = createQuery(() => onboardingQueries.queue(props.programId));
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [bulkBusy, setBulkBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ tone: "success" | "error"; text: string } | null>(null);
  // Background checks have no submission to approve in bulk with the rest; they are decided one by one.
  const bulkable = createMemo(() => (queue.data ?? []).filter((i) => i.status === "submitted"));
  const chosen = () => bulkable().filter((i) => selected().has(keyOf(i)));
  const allChosen = () => bulkable().length > 0 && chosen().length === bulkable().length;

  const toggle = (k: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(k);
    else next.delete(k);
    setSelected(next);
  };

  async function approveSelected() {
    const items = chosen().map((i) => ({ membershipId: i.membershipId, step: i.step }));
    if (items.length === 0) return;
    setBulkBusy(true);
    setMessage(null);
    try {
      const r = await trpc.onboarding.review.mutate({ programId: props.programId, items, outcome: "approved" });
      setSelected(new Set<string>());
      setMessage({
        tone: "success",
        text: `${r.reviewed} step${r.reviewed === 1 ? "" : "s"} approved.${r.nowReady > 0 ? ` ${r.nowReady} mentor${r.nowReady === 1 ? " is" : "s are"} now ready to be matched.` : ""}`,
      });
      await invalidateOnboarding();
    } catch (err) {
      setMessage({ tone: "error", text: errorMessage(err) });
      await invalidateOnboarding();
    } finally {
      setBulkBusy(false);
    }
  }

  return (
    <Card
      title="Review queue"
      description="Steps mentors finished, and background checks waiting for a result."
      actions={
        <Show when={bulkable().length > 0}>
          <Button size="sm" loading={bulkBusy()} disabled={chosen().length === 0} onClick={() => void approveSelected()}>
            Approve selected ({chosen().length})
          </Button>
        </Show>
      }
    >
      <Switch>
        <Match when={queue.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={queue.isError && !queue.data}>
          <RetryAlert message={errorMessage(queue.error)} onRetry={() => void queue.refetch()} />
        </Match>
        <Match when={queue.data}>
          {(items) => (
            <div class="flex flex-col gap-3">
              <Show when={message()}>{(m) => <Alert tone={m().tone}>{m().text}</Alert>}</Show>
              <Show when={items().length === 0}>
                <p class="text-sm text-slate-600">Nothing is waiting for review.</p>
              </Show>
              <Show when={bulkable().length > 1}>
                <Checkbox
                  label="Select all submitted steps"
                  checked={allChosen()}
                  onChange={(on) => setSelected(new Set(on ? bulkable().map(keyOf) : []))}
                />
              </Show>
              <ul class="flex flex-col gap-3">
                <For each={items()}>
                  {(item) => (
                    <ReviewRow
                      programId={props.programId}
                      item={item}
                      selected={selected().has(keyOf(item))}
                      onSelect={(on) => toggle(keyOf(item), on)}
                      onDone={(text) => {
                        toggle(keyOf(item), false);
                        setMessage({ tone: "success", text });
                      }}
                    />
                  )}
                </For>
              </ul>
            </div>
          )}
        </Match>
      </Switch>
    </Card>
  );
}

function ReviewRow(props: {
  programId: string;
  item: ReviewItem;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onDone: (text: string) => void;
}) {
  const errors = createFormErrors();
  const [note, setNote] = createSignal("");
  const [busy, setBusy] = createSignal<"approved" | "rejected" | null>(null);
  const isCheck = () => props.item.step === "background_check";

  async function decide(outcome: "approved" | "rejected") {
    errors.clear();
    const input = errors.parse(reviewInput, {
      programId: props.programId,
      items: [{ membershipId: props.item.membershipId, step: props.item.step }],
      outcome,
      note: note(),
    });
    if (!input) return;
    setBusy(outcome);
    try {
      await trpc.onboarding.review.mutate(input);
      props.onDone(
        `${props.item.label} for ${props.item.mentorName}: ${outcome === "approved" ? (isCheck() ? "passed" : "approved") : isCheck() ? "failed" : "sent back"}.`,
      );
      await invalidateOnboarding();
    } catch (err) {
      errors.fromServer(err, (p) => p === "note");
    } finally {
      setBusy(null);
    }
  }

  return (
    <li class="rounded-lg p-4 ring-1 ring-slate-200">
      <div class="flex flex-wrap items-start justify-between gap-2">
        <div class="flex items-start gap-3">
          <Show when={props.item.status === "submitted"}>
            <input
              type="checkbox"
              class="mt-1 size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
              aria-label={`Select ${props.item.label} for ${props.item.mentorName}`}
              checked={props.selected}
              onChange={(e) => props.onSelect(e.currentTarget.checked)}
            />
          </Show>
          <div>
            <p class="font-medium text-slate-900">
              {props.item.mentorName}: {props.item.label}
            </p>
            <p class="text-sm text-slate-500">
              <Show when={props.item.submittedAt} fallback="Waiting for the result of the check.">
                {(at) => <>Submitted {formatDateTime(at())}</>}
              </Show>
              <Show when={props.item.acknowledgedVersion}>{(v) => <> · agreed to version {v()}</>}</Show>
            </p>
          </div>
        </div>
        <Badge tone={stepStatusTones[props.item.status]}>
          {isCheck() && props.item.status === "todo" ? "To record" : stepStatusLabels[props.item.status]}
        </Badge>
      </div>
      <Show when={props.item.documents.length > 0}>
        <ul class="mt-2 flex flex-col gap-1 pl-7 text-sm">
          <For each={props.item.documents}>
            {(d) => (
              <li>
                <span class="text-slate-500">{d.kind}: </span>
                <a href={d.url} class="font-medium text-indigo-700 underline hover:text-indigo-900">
                  {d.filename}
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="mt-3 flex flex-col gap-2 pl-7 sm:flex-row sm:items-end">
        <TextField
          class="flex-1"
          label="Note to the mentor"
          value={note()}
          onInput={setNote}
          error={errors.field("note")}
          maxLength={1000}
          required={false}
          placeholder="Needed when you send it back"
        />
        <div class="flex gap-2">
          <Button size="sm" loading={busy() === "approved"} disabled={busy() !== null} onClick={() => void decide("approved")}>
            {isCheck() ? "Passed" : "Approve"}
          </Button>
          <Button
            size="sm"
            variant="danger"
            loading={busy() === "rejected"}
            disabled={busy() !== null}
            onClick={() => void decide("rejected")}
          >
            {isCheck() ? "Failed" : "Send back"}
          </Button>
        </div>
      </div>
      <Show when={errors.summary() && !errors.field("note")}>
        <Alert tone="error" class="mt-2">
          {errors.summary()}
        </Alert>
      </Show>
    </li>
  );
}
