import { decideSuggestionsInput } from "@shared/modules/match/match.schema";
import { reasonsFor } from "@shared/modules/matching/score-reasons";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessageWithFields } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { trpc } from "../../lib/trpc";
import { boardQueries, refreshBoard } from "./queries";

/** Reviewed mode: proposals to approve or reject one by one or many at once. */
export function SuggestionsCard(props: { programId: string }) {
  const list = createQuery(() => boardQueries.suggestions(props.programId));
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [note, setNote] = createSignal("");
  const [notice, setNotice] = createSignal<string | null>(null);
  const errors = createFormErrors();

  const ids = () => (list.data ?? []).map((s) => s.id);
  const allSelected = () => ids().length > 0 && ids().every((id) => selected().has(id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  const generate = createMutation(() => ({
    mutationFn: () => trpc.match.generateSuggestions.mutate({ programId: props.programId }),
    onMutate: () => {
      setNotice(null);
      errors.clear();
    },
    onSuccess: (r) => {
      const without = r.withoutMentor.length > 0 ? ` No eligible mentor for ${r.withoutMentor.map((p) => p.name).join(", ")}.` : "";
      setNotice(`${r.created === 1 ? "1 new suggestion" : `${r.created} new suggestions`}.${without}`);
      void refreshBoard();
    },
    onError: (err) => errors.setSummary(errorMessageWithFields(err)),
  }));

  const decide = createMutation(() => ({
    mutationFn: (decision: "approve" | "reject") => {
      const input = errors.parse(decideSuggestionsInput, { programId: props.programId, ids: [...selected()], decision, note: note() });
      if (!input) throw new Error("invalid");
      return trpc.match.decideSuggestions.mutate(input);
    },
    onMutate: () => {
      setNotice(null);
      errors.clear();
    },
    onSuccess: (r) => {
      setNotice(r.approved > 0 ? `${r.approved} approved: the matches are made and both people are told.` : `${r.rejected} rejected.`);
      setSelected(new Set<string>());
      setNote("");
      void refreshBoard();
    },
    onError: (err) => {
      if (err instanceof Error && err.message === "invalid") return;
      errors.fromServer(err, (path) => path === "note");
    },
  }));

  return (
    <Card
      title="Suggestions to review"
      description="The best eligible mentor with a free place for each mentee still waiting."
      actions={
        <Button size="sm" variant="secondary" loading={generate.isPending} onClick={() => generate.mutate()}>
          Generate suggestions
        </Button>
      }
    >
      <div class="flex flex-col gap-4">
        <Show when={notice()}>
          <Alert tone="success">{notice()}</Alert>
        </Show>
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <Switch>
          <Match when={list.isPending}>
            <LoadingBlock label="Loading suggestions…" />
          </Match>
          <Match when={list.isError && !list.data}>
            <RetryAlert message={errorMessageWithFields(list.error)} onRetry={() => list.refetch()} />
          </Match>
          <Match when={list.data?.length === 0}>
            <p class="text-sm text-slate-500">No suggestions waiting. Generate suggestions to propose mentors.</p>
          </Match>
          <Match when={list.data}>
            {(rows) => (
              <>
                <div class="overflow-x-auto">
                  <table class="w-full text-left text-sm">
                    <thead class="text-xs text-slate-500 uppercase">
                      <tr>
                        <th scope="col" class="w-8 py-2 pr-2">
                          <input
                            type="checkbox"
                            aria-label="Select all suggestions"
                            class="size-4 accent-indigo-600"
                            checked={allSelected()}
                            onChange={(e) => setSelected(new Set(e.currentTarget.checked ? ids() : []))}
                          />
                        </th>
                        <th scope="col" class="py-2 pr-3">
                          Mentee
                        </th>
                        <th scope="col" class="py-2 pr-3">
                          Suggested mentor
                        </th>
                        <th scope="col" class="py-2 pr-3">
                          Score
                        </th>
                        <th scope="col" class="py-2">
                          Why
                        </th>
                      </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">
                      <For each={rows()}>
                        {(s) => (
                          <tr>
                            <td class="py-2 pr-2 align-top">
                              <input
                                type="checkbox"
                                aria-label={`Select ${s.mentor.name} for ${s.mentee.name}`}
                                class="size-4 accent-indigo-600"
                                checked={selected().has(s.id)}
                                onChange={(e) => toggle(s.id, e.currentTarget.checked)}
                              />
                            </td>
                            <td class="py-2 pr-3 align-top font-medium text-slate-900">
                              {s.mentee.name}
                              <Show when={s.menteeMatched}>
                                <Badge tone="amber" class="ml-2">
                                  Matched meanwhile
                                </Badge>
                              </Show>
                            </td>
                            <td class="py-2 pr-3 align-top">{s.mentor.name}</td>
                            <td class="py-2 pr-3 align-top font-semibold">{s.score.total}</td>
                            <td class="py-2 align-top text-slate-600">
                              {reasonsFor(s.score.reasons, "staff", { mentorName: s.mentor.name, menteeName: s.mentee.name }).join(" ")}
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
                <div class="flex flex-col gap-3 sm:flex-row sm:items-end">
                  <TextField
                    class="flex-1"
                    label="Note (optional)"
                    value={note()}
                    onInput={setNote}
                    error={errors.field("note")}
                    maxLength={500}
                  />
                  <div class="flex gap-2">
                    <Button
                      disabled={selected().size === 0}
                      loading={decide.isPending && decide.variables === "approve"}
                      onClick={() => decide.mutate("approve")}
                    >
                      Approve {selected().size > 0 ? selected().size : ""}
                    </Button>
                    <Button
                      variant="secondary"
                      disabled={selected().size === 0}
                      loading={decide.isPending && decide.variables === "reject"}
                      onClick={() => decide.mutate("reject")}
                    >
                      Reject {selected().size > 0 ? selected().size : ""}
                    </Button>
                  </div>
                </div>
              </>
            )}
          </Match>
        </Switch>
      </div>
    </Card>
  );
}
