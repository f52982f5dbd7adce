import { addNeverPairInput } from "@shared/modules/match/match.schema";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Select } from "../../components/ui/select";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessageWithFields } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { formatDate } from "../../lib/format";
import { trpc } from "../../lib/trpc";
import { type Board, boardQueries, refreshBoard } from "./queries";

/** Pairs that are never suggested or matched in this program, with who added each and why. */
export function NeverPairCard(props: { board: Board }) {
  const programId = () => props.board.program.id;
  const rules = createQuery(() => boardQueries.neverPairs(programId()));
  const [mentorId, setMentorId] = createSignal("");
  const [menteeId, setMenteeId] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [warnings, setWarnings] = createSignal<string[]>([]);
  const [actionError, setActionError] = createSignal<string | null>(null);
  const errors = createFormErrors();

  const mentees = () => {
    const all = new Map<string, string>();
    for (const m of props.board.unmatchedMentees) all.set(m.id, m.name);
    for (const m of props.board.liveMatches) all.set(m.mentee.id, m.mentee.name);
    return [...all].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  };
  const mentors = () => props.board.mentors.map((m) => ({ value: m.id, label: m.name }));

  const add = createMutation(() => ({
    mutationFn: () => {
      const input = errors.parse(addNeverPairInput, {
        programId: programId(),
        mentorId: mentorId(),
        menteeId: menteeId(),
        reason: reason(),
      });
      if (!input) throw new Error("invalid");
      return trpc.match.addNeverPair.mutate(input);
    },
    onMutate: () => {
      errors.clear();
      setWarnings([]);
    },
    onSuccess: (r) => {
      setWarnings(r.warnings);
      setMentorId("");
      setMenteeId("");
      setReason("");
      void refreshBoard();
    },
    onError: (err) => {
      if (err instanceof Error && err.message === "invalid") return;
      errors.fromServer(err, (p) => ["mentorId", "menteeId", "reason"].includes(p));
    },
  }));

  const remove = createMutation(() => ({
    mutationFn: (ruleId: string) => trpc.match.removeNeverPair.mutate({ programId: programId(), ruleId }),
    onMutate: () => setActionError(null),
    onSuccess: () => void refreshBoard(),
    onError: (err) => setActionError(errorMessageWithFields(err)),
  }));

  return (
    <Card title="Never-pair rules" description="These two people are never suggested to each other or matched.">
      <div class="flex flex-col gap-4">
        <Show when={actionError()}>
          <Alert tone="error">{actionError()}</Alert>
        </Show>
        <Switch>
          <Match when={rules.isPending}>
            <LoadingBlock label="Loading rules…" />
          </Match>
          <Match when={rules.isError && !rules.data}>
            <RetryAlert message={errorMessageWithFields(rules.error)} onRetry={() => rules.refetch()} />
          </Match>
          <Match when={rules.data?.length === 0}>
            <p class="text-sm text-slate-500">No rules yet.</p>
          </Match>
          <Match when={rules.data}>
            {(list) => (
              <ul class="divide-y divide-slate-100">
                <For each={list()}>
                  {(r) => (
                    <li class="flex items-start justify-between gap-3 py-2 text-sm">
                      <div>
                        <p class="font-medium text-slate-900">
                          {r.mentor.name} and {r.mentee.name}
                        </p>
                        <p class="text-slate-600">{r.reason}</p>
                        <p class="text-xs text-slate-500">
                          Added {formatDate(r.createdAt)}
                          {r.createdBy ? ` by ${r.createdBy}` : ""}
                        </p>
                      </div>
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Remove the rule for ${r.mentor.name} and ${r.mentee.name}`}
                        loading={remove.isPending && remove.variables === r.id}
                        onClick={() => remove.mutate(r.id)}
                      >
                        Remove
                      </Button>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </Match>
        </Switch>
        <form
          class="flex flex-col gap-3 border-t border-slate-100 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <div class="grid gap-3 sm:grid-cols-2">
            <Select
              label="Mentor"
              value={mentorId()}
              onChange={setMentorId}
              options={mentors()}
              placeholder="Choose a mentor"
              error={errors.field("mentorId")}
            />
            <Select
              label="Mentee"
              value={menteeId()}
              onChange={setMenteeId}
              options={mentees()}
              placeholder="Choose a mentee"
              error={errors.field("menteeId")}
            />
          </div>
          <TextField label="Reason" value={reason()} onInput={setReason} error={errors.field("reason")} maxLength={500} />
          <Show when={errors.summary()}>
            <Alert tone="error">{errors.summary()}</Alert>
          </Show>
          <For each={warnings()}>{(w) => <Alert tone="warning">{w}</Alert>}</For>
          <div>
            <Button type="submit" variant="secondary" loading={add.isPending}>
              Add rule
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}
