import { decideMembershipsInput } from "@shared/modules/program/program.schema";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createEffect, createSignal, For, Match, on, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Avatar } from "../../components/ui/avatar";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessage } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { formatDate } from "../../lib/format";
import { plural } from "../../lib/plural";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { programQueries, roleLabels } from "./queries";

type Decision = "approve" | "decline";

/** Pending join requests with the person's card; approve or decline one, some or all, with an optional note. */
export function ApprovalQueue(props: { programId: string }) {
  const requests = createQuery(() => programQueries.joinRequests(props.programId));
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [note, setNote] = createSignal("");
  const [done, setDone] = createSignal<string | null>(null);
  const errors = createFormErrors();

  // Ids that left the queue (decided elsewhere, live refresh) drop out of the selection.
  createEffect(
    on(
      () => requests.data,
      (list) => {
        const ids = new Set((list ?? []).map((r) => r.membershipId));
        setSelected((s) => new Set([...s].filter((id) => ids.has(id))));
      },
    ),
  );

  const allIds = () => (requests.data ?? []).map((r) => r.membershipId);
  const allSelected = () => allIds().length > 0 && allIds().every((id) => selected().has(id));
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const decide = createMutation(() => ({
    mutationFn: (input: { membershipIds: string[]; decision: Decision; note: string }) =>
      trpc.program.decideMemberships.mutate({ programId: props.programId, ...input }),
    onSuccess: (r, input) => {
      setDone(`${plural(r.decided, "request")} ${input.decision === "approve" ? "approved" : "declined"}. Each person was notified.`);
      setSelected(new Set<string>());
      setNote("");
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs });
    },
    onError: (err) => errors.fromServer(err, (p) => p === "note"),
  }));

  function submit(ids: string[], decision: Decision) {
    setDone(null);
    errors.clear();
    const input = errors.parse(
      decideMembershipsInput,
      { programId: props.programId, membershipIds: ids, decision, note: note() },
      { shown: (p) => p === "note" },
    );
    if (input) decide.mutate({ membershipIds: input.membershipIds, decision, note: input.note });
  }

  return (
    <Card
      title="Approval queue"
      description={requests.data ? `${plural(requests.data.length, "person", "people")} waiting` : undefined}
      padded={false}
    >
      <Show when={errors.summary() || done()}>
        <div class="px-5 pt-4">
          <Show when={errors.summary()} fallback={<Alert tone="success">{done()}</Alert>}>
            <Alert tone="error">{errors.summary()}</Alert>
          </Show>
        </div>
      </Show>
      <Switch>
        <Match when={requests.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={requests.isError}>
          <div class="px-5 py-4">
            <RetryAlert message={errorMessage(requests.error)} onRetry={() => void requests.refetch()} />
          </div>
        </Match>
        <Match when={(requests.data?.length ?? 0) === 0}>
          <p class="px-5 py-6 text-sm text-slate-600">No one is waiting for approval.</p>
        </Match>
        <Match when={true}>
          <div class="flex flex-wrap items-center gap-3 border-b border-slate-100 px-5 py-3">
            <label class="flex items-center gap-2 text-sm font-medium text-slate-800">
              <input
                type="checkbox"
                class="size-4 rounded border-slate-300 accent-indigo-600"
                checked={allSelected()}
                onChange={(e) => setSelected(new Set(e.currentTarget.checked ? allIds() : []))}
              />
              Select all
            </label>
            <span class="text-sm text-slate-500">{selected().size} selected</span>
          </div>
          <ul class="divide-y divide-slate-100">
            <For each={requests.data}>
              {(r) => (
                <li class="flex gap-3 px-5 py-4">
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.name}`}
                    class="mt-1 size-4 shrink-0 rounded border-slate-300 accent-indigo-600"
                    checked={selected().has(r.membershipId)}
                    onChange={(e) => toggle(r.membershipId, e.currentTarget.checked)}
                  />
                  <Avatar name={r.name} src={r.photoUrl} size="sm" />
                  <div class="min-w-0 flex-1">
                    <div class="flex flex-wrap items-center gap-2">
                      <span class="font-medium text-slate-900">{r.name}</span>
                      <Badge tone="indigo">{roleLabels[r.role]}</Badge>
                      <span class="text-xs text-slate-500">asked {formatDate(r.requestedAt)}</span>
                    </div>
                    <p class="text-xs text-slate-500">
                      {r.email} · {r.timezone}
                    </p>
                    <Show when={r.headline}>
                      <p class="mt-1 text-sm text-slate-700">{r.headline}</p>
                    </Show>
                    <Show when={r.goal}>
                      <p class="mt-1 text-sm text-slate-700">Goal: {r.goal}</p>
                    </Show>
                    <Show when={r.bio}>
                      <p class="mt-1 line-clamp-2 text-sm text-slate-600">{r.bio}</p>
                    </Show>
                    <Show when={r.tags.length > 0}>
                      <div class="mt-2 flex flex-wrap gap-1">
                        <For each={r.tags}>{(tag) => <Badge>{tag}</Badge>}</For>
                      </div>
                    </Show>
                  </div>
                  <div class="flex shrink-0 flex-col gap-2 sm:flex-row sm:items-start">
                    <Button size="sm" disabled={decide.isPending} onClick={() => submit([r.membershipId], "approve")}>
                      Approve<span class="sr-only"> {r.name}</span>
                    </Button>
                    <Button size="sm" variant="secondary" disabled={decide.isPending} onClick={() => submit([r.membershipId], "decline")}>
                      Decline<span class="sr-only"> {r.name}</span>
                    </Button>
                  </div>
                </li>
              )}
            </For>
          </ul>
          <div class="flex flex-col gap-3 border-t border-slate-100 px-5 py-4">
            <TextField
              label="Note to the people you decide on"
              required={false}
              rows={2}
              value={note()}
              onInput={setNote}
              maxLength={1000}
              error={errors.field("note")}
              description="Sent with the decision, for example why a request was declined."
            />
            <div class="flex flex-wrap gap-2">
              <Button
                disabled={selected().size === 0}
                loading={decide.isPending && decide.variables?.decision === "approve"}
                onClick={() => submit([...selected()], "approve")}
              >
                Approve selected ({selected().size})
              </Button>
              <Button
                variant="secondary"
                disabled={selected().size === 0}
                loading={decide.isPending && decide.variables?.decision === "decline"}
                onClick={() => submit([...selected()], "decline")}
              >
                Decline selected ({selected().size})
              </Button>
            </div>
          </div>
        </Match>
      </Switch>
    </Card>
  );
}
