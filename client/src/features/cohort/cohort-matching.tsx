import { type PairRefInput, startCohortInput } from "@shared/modules/cohort/cohort.schema";
import { reasonsFor } from "@shared/modules/matching/score-reasons";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createEffect, createMemo, createSignal, For, on, Show } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Dialog } from "../../components/ui/dialog";
import { Select } from "../../components/ui/select";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessage } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { formatDateTime } from "../../lib/format";
import { plural } from "../../lib/plural";
import { queryClient } from "../../lib/query-client";
import { useLiveEvents } from "../../lib/socket";
import { trpc } from "../../lib/trpc";
import { type CohortPair, type CohortRun, cohortQueries, modeLabels, refreshCohort, runStatusLabels } from "./queries";

type Mode = "max-score" | "stable";
const modeOptions = [
  { value: "max-score", label: "Best total score" },
  { value: "stable", label: "Stable" },
];
const modeHelp: Record<Mode, string> = {
  "max-score": "Makes the pairs with the highest total score across the whole cohort, proven optimal.",
  stable: "Mentees get their best mentor such that no mentee and mentor would both rather be paired with each other.",
};
const statusTone: Record<CohortRun["status"], BadgeTone> = {
  queued: "neutral",
  running: "indigo",
  done: "green",
  failed: "red",
  published: "indigo",
  discarded: "neutral",
};
const ROWS_SHOWN = 200;

const keyOf = (p: PairRefInput) => `${p.mentorId}/${p.menteeId}`;

/** Coordinators' cohort matching: dry runs with live progress, the preview, locks and exclusions, publish. */
export function CohortMatching(props: { programId: string }) {
  const runs = createQuery(() => cohortQueries.runs(props.programId));
  const [chosenRunId, setChosenRunId] = createSignal<string | null>(null);
  const runId = () => chosenRunId() ?? runs.data?.[0]?.id ?? null;
  const run = createQuery(() => ({ ...cohortQueries.get(runId() ?? ""), enabled: runId() !== null }));
  const [mode, setMode] = createSignal<Mode>("max-score");
  const [locked, setLocked] = createSignal<Map<string, PairRefInput>>(new Map());
  const [excluded, setExcluded] = createSignal<Map<string, PairRefInput>>(new Map());
  const [showAll, setShowAll] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const errors = createFormErrors();

  // The server is the source of truth: a progress signal for this program means "refetch".
  useLiveEvents(
    ["cohort:progress"],
    (e) => {
      if (e.programId === props.programId) void refreshCohort();
    },
    () => void refreshCohort(),
  );

  // Viewing a run starts from its locks and exclusions, so "re-run" carries them.
  createEffect(
    on(
      () => run.data?.id,
      () => {
        const r = run.data;
        if (!r) return;
        setLocked(new Map(r.locked.map((p) => [keyOf(p), p])));
        setExcluded(new Map(r.excluded.map((p) => [keyOf(p), p])));
        setMode(r.mode);
        setShowAll(false);
      },
    ),
  );

  const toggle = (which: "lock" | "exclude", pair: CohortPair) => {
    const ref = { mentorId: pair.mentorId, menteeId: pair.menteeId };
    const [get, set, other, setOther] =
      which === "lock" ? [locked, setLocked, excluded, setExcluded] : [excluded, setExcluded, locked, setLocked];
    const next = new Map(get());
    if (next.has(keyOf(ref))) next.delete(keyOf(ref));
    else {
      if (which === "lock") for (const [k, p] of next) if (p.menteeId === ref.menteeId) next.delete(k);
      next.set(keyOf(ref), ref);
      const rest = new Map(other());
      rest.delete(keyOf(ref));
      setOther(rest);
    }
    set(next);
  };

  const start = createMutation(() => ({
    mutationFn: (withChoices: boolean) => {
      const input = errors.parse(
        startCohortInput,
        {
          programId: props.programId,
          mode: mode(),
          locked: withChoices ? [...locked().values()] : [],
          excluded: withChoices ? [...excluded().values()] : [],
        },
        { shown: () => false },
      );
      if (!input) throw new Error("invalid");
      return trpc.cohort.start.mutate(input);
    },
    onMutate: () => {
      setNotice(null);
      errors.clear();
    },
    onSuccess: (r) => {
      // Show the new run as queued at once (no blank while it loads); the refetch and live signals take it on.
      queryClient.setQueryData(cohortQueries.get(r.runId).queryKey, r.run);
      setChosenRunId(r.runId);
      void refreshCohort();
    },
    onError: (err) => {
      if (err instanceof Error && err.message === "invalid") return;
      errors.fromServer(err, () => false);
    },
  }));

  const publish = createMutation(() => ({
    mutationFn: (id: string) => trpc.cohort.publish.mutate({ runId: id }),
    onMutate: () => {
      setNotice(null);
      errors.clear();
    },
    onSuccess: (r) => {
      setConfirming(false);
      setNotice(`${plural(r.matchesCreated, "match", "matches")} created; both people in each pair were notified.`);
      void refreshCohort();
    },
    onError: (err) => {
      setConfirming(false);
      errors.setSummary(errorMessage(err));
    },
  }));

  const discard = createMutation(() => ({
    mutationFn: (id: string) => trpc.cohort.discard.mutate({ runId: id }),
    onMutate: () => errors.clear(),
    onSuccess: () => void refreshCohort(),
    onError: (err) => errors.setSummary(errorMessage(err)),
  }));

  const isBusy = () => runs.data?.some((r) => r.status === "queued" || r.status === "running") ?? false;
  const pairsShown = createMemo(() => {
    const pairs = run.data?.preview?.pairs ?? [];
    return showAll() ? pairs : pairs.slice(0, ROWS_SHOWN);
  });

  return (
    <div class="flex flex-col gap-6">
      <Card title="Run cohort matching" description="A dry run: nothing changes until you publish its preview.">
        <div class="flex flex-col gap-4">
          <Select label="Method" value={mode()} onChange={(v) => setMode(v as Mode)} options={modeOptions} description={modeHelp[mode()]} />
          <Show when={locked().size + excluded().size > 0}>
            <p class="text-sm text-slate-600">
              {plural(locked().size, "locked pair")} and {plural(excluded().size, "excluded pair")} chosen in the preview below.
            </p>
          </Show>
          <Show when={errors.summary()}>
            <Alert tone="error">{errors.summary()}</Alert>
          </Show>
          <Show when={notice()}>
            <Alert tone="success">{notice()}</Alert>
          </Show>
          <div class="flex flex-wrap gap-2">
            <Button loading={start.isPending && start.variables === false} disabled={isBusy()} onClick={() => start.mutate(false)}>
              Run (dry run)
            </Button>
            <Show when={run.data?.preview}>
              <Button
                variant="secondary"
                loading={start.isPending && start.variables === true}
                disabled={isBusy()}
                onClick={() => start.mutate(true)}
              >
                Re-run with locks and exclusions
              </Button>
            </Show>
          </div>
          <Show when={isBusy()}>
            <p class="text-sm text-slate-600">A run is in progress for this program; wait for it or discard it to start another.</p>
          </Show>
        </div>
      </Card>

      <Show when={runs.isPending}>
        <LoadingBlock />
      </Show>
      <Show when={runs.isError}>
        <RetryAlert message={errorMessage(runs.error)} onRetry={() => void runs.refetch()} />
      </Show>

      <Show when={run.data}>
        {(r) => (
          <Card
            title={`Run of ${formatDateTime(r().createdAt)}: ${modeLabels[r().mode]}`}
            description={r().createdByName ? `Started by ${r().createdByName}` : undefined}
            actions={<Badge tone={statusTone[r().status]}>{runStatusLabels[r().status]}</Badge>}
          >
            <div class="flex flex-col gap-6">
              <Show when={r().status === "queued" || r().status === "running"}>
                <div class="flex flex-col gap-2">
                  <div
                    role="progressbar"
                    aria-label="Cohort run progress"
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={r().progress}
                    class="h-2 w-full overflow-hidden rounded-full bg-slate-100"
                  >
                    <div class="h-full bg-indigo-600 transition-all" style={{ width: `${r().progress}%` }} />
                  </div>
                  <p class="text-sm text-slate-600">{r().status === "queued" ? "Waiting for the worker…" : `${r().progress}% done`}</p>
                </div>
              </Show>
              <Show when={r().error}>
                <Alert tone="error" title="The run failed">
                  {r().error}
                </Alert>
              </Show>
              <Show when={r().preview}>{(p) => <PreviewSummary preview={p()} />}</Show>
              <Show when={r().preview}>
                {(p) => (
                  <>
                    <section aria-labelledby="cohort-pairs">
                      <h3 id="cohort-pairs" class="mb-2 text-sm font-semibold text-slate-900">
                        Pairs
                      </h3>
                      <div class="overflow-x-auto">
                        <table class="min-w-full text-left text-sm">
                          <thead class="text-xs text-slate-500 uppercase">
                            <tr>
                              <th scope="col" class="py-2 pr-4">
                                Mentee
                              </th>
                              <th scope="col" class="py-2 pr-4">
                                Mentor
                              </th>
                              <th scope="col" class="py-2 pr-4">
                                Score
                              </th>
                              <th scope="col" class="py-2 pr-4">
                                Why
                              </th>
                              <Show when={r().status === "done"}>
                                <th scope="col" class="py-2">
                                  <span class="sr-only">Lock or exclude</span>
                                </th>
                              </Show>
                            </tr>
                          </thead>
                          <tbody class="divide-y divide-slate-100">
                            <For each={pairsShown()}>
                              {(pair) => (
                                <tr>
                                  <td class="py-2 pr-4 text-slate-900">{pair.menteeName}</td>
                                  <td class="py-2 pr-4 text-slate-900">
                                    {pair.mentorName}
                                    <Show when={pair.isLocked}>
                                      {" "}
                                      <Badge tone="indigo">Locked</Badge>
                                    </Show>
                                  </td>
                                  <td class="py-2 pr-4 font-medium tabular-nums">{pair.score}</td>
                                  <td class="py-2 pr-4 text-slate-600">
                                    {reasonsFor(pair.reasons, "staff", { mentorName: pair.mentorName, menteeName: pair.menteeName }).join(
                                      " ",
                                    )}
                                  </td>
                                  <Show when={r().status === "done"}>
                                    <td class="py-2">
                                      <div class="flex gap-2">
                                        <Button
                                          size="sm"
                                          variant={locked().has(keyOf(pair)) ? "primary" : "secondary"}
                                          aria-pressed={locked().has(keyOf(pair))}
                                          aria-label={`Lock ${pair.menteeName} with ${pair.mentorName}`}
                                          onClick={() => toggle("lock", pair)}
                                        >
                                          Lock
                                        </Button>
                                        <Button
                                          size="sm"
                                          variant={excluded().has(keyOf(pair)) ? "danger" : "secondary"}
                                          aria-pressed={excluded().has(keyOf(pair))}
                                          aria-label={`Exclude ${pair.menteeName} with ${pair.mentorName}`}
                                          onClick={() => toggle("exclude", pair)}
                                        >
                                          Exclude
                                        </Button>
                                      </div>
                                    </td>
                                  </Show>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                      <Show when={!showAll() && p().pairs.length > ROWS_SHOWN}>
                        <Button class="mt-2" size="sm" variant="ghost" onClick={() => setShowAll(true)}>
                          Show all {plural(p().pairs.length, "pair")}
                        </Button>
                      </Show>
                    </section>

                    <Show when={p().unmatched.length > 0}>
                      <section aria-labelledby="cohort-unmatched">
                        <h3 id="cohort-unmatched" class="mb-2 text-sm font-semibold text-slate-900">
                          Not matched ({p().unmatched.length})
                        </h3>
                        <ul class="flex flex-col gap-1 text-sm">
                          <For each={p().unmatched}>
                            {(u) => (
                              <li>
                                <span class="font-medium text-slate-900">{u.menteeName}</span>:{" "}
                                <span class="text-slate-600">{u.message}</span>
                              </li>
                            )}
                          </For>
                        </ul>
                      </section>
                    </Show>

                    <section aria-labelledby="cohort-load">
                      <h3 id="cohort-load" class="mb-2 text-sm font-semibold text-slate-900">
                        Mentor load
                      </h3>
                      <div class="overflow-x-auto">
                        <table class="min-w-full text-left text-sm">
                          <thead class="text-xs text-slate-500 uppercase">
                            <tr>
                              <th scope="col" class="py-2 pr-4">
                                Mentor
                              </th>
                              <th scope="col" class="py-2 pr-4">
                                Capacity
                              </th>
                              <th scope="col" class="py-2 pr-4">
                                Already matched
                              </th>
                              <th scope="col" class="py-2 pr-4">
                                This run
                              </th>
                              <th scope="col" class="py-2">
                                Free after
                              </th>
                            </tr>
                          </thead>
                          <tbody class="divide-y divide-slate-100 tabular-nums">
                            <For each={p().mentorLoad}>
                              {(l) => (
                                <tr>
                                  <td class="py-2 pr-4 text-slate-900">{l.mentorName}</td>
                                  <td class="py-2 pr-4">{l.capacity}</td>
                                  <td class="py-2 pr-4">{l.activeMatches}</td>
                                  <td class="py-2 pr-4">{l.assigned}</td>
                                  <td class="py-2">{l.spareAfter}</td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                    </section>

                    <Show when={r().status === "done"}>
                      <div class="flex flex-wrap gap-2">
                        <Button disabled={p().pairs.length === 0} onClick={() => setConfirming(true)}>
                          Publish {plural(p().pairs.length, "match", "matches")}
                        </Button>
                        <Button variant="secondary" loading={discard.isPending} onClick={() => discard.mutate(r().id)}>
                          Discard
                        </Button>
                      </div>
                      <Dialog
                        open={confirming()}
                        onOpenChange={setConfirming}
                        title="Publish this cohort?"
                        description={`This will create ${plural(p().pairs.length, "match", "matches")} and notify ${plural(2 * p().pairs.length, "person", "people")}.`}
                        footer={
                          <>
                            <Button variant="secondary" onClick={() => setConfirming(false)}>
                              Cancel
                            </Button>
                            <Button loading={publish.isPending} onClick={() => publish.mutate(r().id)}>
                              Publish
                            </Button>
                          </>
                        }
                      />
                    </Show>
                  </>
                )}
              </Show>
              <Show when={r().status === "queued" || r().status === "running"}>
                <div>
                  <Button variant="secondary" loading={discard.isPending} onClick={() => discard.mutate(r().id)}>
                    Discard
                  </Button>
                </div>
              </Show>
            </div>
          </Card>
        )}
      </Show>
      <Show when={run.isError}>
        <RetryAlert message={errorMessage(run.error)} onRetry={() => void run.refetch()} />
      </Show>

      <Show when={(runs.data?.length ?? 0) > 0}>
        <Card title="Past runs">
          <ul class="divide-y divide-slate-100">
            <For each={runs.data}>
              {(item) => (
                <li class="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <div class="flex flex-wrap items-center gap-2">
                    <span class="text-slate-900">{formatDateTime(item.createdAt)}</span>
                    <span class="text-slate-600">{modeLabels[item.mode]}</span>
                    <Badge tone={statusTone[item.status]}>{runStatusLabels[item.status]}</Badge>
                    <Show when={item.pairCount !== null}>
                      <span class="text-slate-600">
                        {plural(item.pairCount ?? 0, "pair")}
                        {item.averageScore !== null ? `, average ${item.averageScore}` : ""}
                      </span>
                    </Show>
                  </div>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-current={item.id === runId() ? "true" : undefined}
                    onClick={() => setChosenRunId(item.id)}
                  >
                    {item.id === runId() ? "Shown" : "View"}
                  </Button>
                </li>
              )}
            </For>
          </ul>
        </Card>
      </Show>
    </div>
  );
}

function PreviewSummary(props: { preview: NonNullable<CohortRun["preview"]> }) {
  const stats = () => [
    { label: "Pairs", value: String(props.preview.pairs.length) },
    { label: "Not matched", value: String(props.preview.unmatched.length) },
    { label: "Average score", value: props.preview.averageScore === null ? "–" : String(props.preview.averageScore) },
    { label: "Lowest score", value: props.preview.lowestScore === null ? "–" : String(props.preview.lowestScore) },
    { label: "Blocking pairs", value: String(props.preview.blockingPairs) },
    { label: "Total score", value: String(props.preview.totalScore) },
  ];
  return (
    <div class="flex flex-col gap-2">
      <dl class="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <For each={stats()}>
          {(s) => (
            <div class="rounded-lg bg-slate-50 px-3 py-2">
              <dt class="text-xs text-slate-500">{s.label}</dt>
              <dd class="text-lg font-semibold text-slate-900 tabular-nums">{s.value}</dd>
            </div>
          )}
        </For>
      </dl>
      <p class="text-xs text-slate-500">
        Blocking pairs: a mentee and a mentor who would both rather be paired with each other than with what this run gave them.
        <Show when={props.preview.certificate?.isVerified}> The best total score is proven: an optimality certificate was checked.</Show>
      </p>
    </div>
  );
}
