import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessageWithFields } from "../../lib/errors";
import { formatDate, formatDateTime } from "../../lib/format";
import { useLiveProgram } from "./live";
import { boardQueries, type MatchPage, type MatchStatus, sourceLabels, statusLabels, statusTones } from "./queries";
import { RematchDialog } from "./rematch-dialog";
import { ScoreBreakdown } from "./score-breakdown";
import { StatusDialog } from "./status-dialog";

function historyLine(h: MatchPage["history"][number]): string {
  if (h.fromStatus === null) return "Match made";
  if (h.fromStatus === "paused" && h.toStatus === "active") return "Resumed";
  return statusLabels[h.toStatus];
}

/** Rematch needs the program's mentors; only staff load them. */
function StaffRematch(props: { page: MatchPage; open: boolean; onClose: () => void }) {
  const board = createQuery(() => ({ ...boardQueries.board(props.page.programId), enabled: props.open }));
  return (
    <RematchDialog
      target={
        props.open
          ? { matchId: props.page.id, programId: props.page.programId, menteeName: props.page.mentee.name, mentorId: props.page.mentor.id }
          : null
      }
      mentors={board.data?.mentors ?? []}
      onClose={props.onClose}
    />
  );
}

/** One match: the pair, status, score breakdown, history (who, when, why) and the viewer's actions. */
export function MatchDetail(props: { programId: string; matchId: string }) {
  const match = createQuery(() => boardQueries.get(props.matchId));
  useLiveProgram(() => props.programId);
  const [statusTo, setStatusTo] = createSignal<MatchStatus | null>(null);
  const [rematchOpen, setRematchOpen] = createSignal(false);

  return (
    <Switch>
      <Match when={match.isPending}>
        <LoadingBlock label="Loading the match…" />
      </Match>
      <Match when={match.isError && !match.data}>
        <RetryAlert message={errorMessageWithFields(match.error)} onRetry={() => match.refetch()} />
      </Match>
      <Match when={match.data}>
        {(m) => {
          const participant = () => m().viewer.isMentor || m().viewer.isMentee;
          return (
            <div class="flex flex-col gap-6">
              <Card
                title={`${m().mentee.name} with ${m().mentor.name}`}
                description={
                  <span class="inline-flex flex-wrap items-center gap-2">
                    <Badge tone={statusTones[m().status]}>{statusLabels[m().status]}</Badge>
                    <span>{sourceLabels[m().source] ?? m().source}</span>
                    <span>since {formatDate(m().createdAt)}</span>
                    <Show when={m().endedAt}>{(at) => <span>closed {formatDate(at())}</span>}</Show>
                  </span>
                }
              >
                <dl class="grid gap-3 text-sm sm:grid-cols-2">
                  <div>
                    <dt class="text-slate-500">Mentor</dt>
                    <dd class="font-medium text-slate-900">{m().mentor.name}</dd>
                  </div>
                  <div>
                    <dt class="text-slate-500">Mentee</dt>
                    <dd class="font-medium text-slate-900">{m().mentee.name}</dd>
                  </div>
                </dl>
                <Show when={m().capacityOverrideReason}>
                  <Alert tone="warning" class="mt-4">
                    Matched over the mentor's capacity: {m().capacityOverrideReason}
                  </Alert>
                </Show>
                <Show when={m().replacesMatchId}>
                  {(id) => (
                    <p class="mt-3 text-sm">
                      <A class="text-indigo-700 hover:underline" href={`/programs/${props.programId}/matches/${id()}`}>
                        The match this one replaces
                      </A>
                    </p>
                  )}
                </Show>
                <Show when={m().replacedByMatchId}>
                  {(id) => (
                    <p class="mt-3 text-sm">
                      <A class="text-indigo-700 hover:underline" href={`/programs/${props.programId}/matches/${id()}`}>
                        The match that replaced this one
                      </A>
                    </p>
                  )}
                </Show>
                <div class="mt-4 flex flex-wrap gap-2">
                  <Show when={m().viewer.canPause}>
                    <Button size="sm" variant="secondary" onClick={() => setStatusTo("paused")}>
                      Pause
                    </Button>
                  </Show>
                  <Show when={m().viewer.canResume}>
                    <Button size="sm" variant="secondary" onClick={() => setStatusTo("active")}>
                      Resume
                    </Button>
                  </Show>
                  <Show when={m().viewer.canComplete}>
                    <Button size="sm" variant="secondary" onClick={() => setStatusTo("completed")}>
                      Complete
                    </Button>
                  </Show>
                  <Show when={m().viewer.canEnd}>
                    <Button size="sm" variant="danger" onClick={() => setStatusTo("ended")}>
                      End match
                    </Button>
                  </Show>
                  <Show when={m().viewer.canRematch}>
                    <Button size="sm" variant="ghost" onClick={() => setRematchOpen(true)}>
                      Rematch
                    </Button>
                  </Show>
                </div>
              </Card>

              <Show when={m().score}>
                {(score) => (
                  <Card title="Why this match">
                    <ScoreBreakdown score={score()} />
                  </Card>
                )}
              </Show>

              <Card title="History" description="Every change, newest first.">
                <ol class="relative flex flex-col gap-4 border-l border-slate-200 pl-5">
                  <For each={m().history}>
                    {(h) => (
                      <li>
                        <span class="absolute -left-1.5 mt-1.5 size-3 rounded-full bg-indigo-500 ring-2 ring-white" aria-hidden="true" />
                        <p class="text-sm font-medium text-slate-900">{historyLine(h)}</p>
                        <p class="text-xs text-slate-500">
                          {formatDateTime(h.createdAt)} by {h.actorName ?? "the system"}
                        </p>
                        <Show when={h.reason}>
                          <p class="mt-1 text-sm text-slate-700">{h.reason}</p>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </Card>

              <StatusDialog
                target={
                  statusTo()
                    ? {
                        matchId: m().id,
                        pairLabel: `${m().mentee.name} with ${m().mentor.name}`,
                        to: statusTo() as MatchStatus,
                        // People closing their own match give a reason; coordinators may complete without one.
                        reasonRequired: !m().viewer.isStaff && participant(),
                      }
                    : null
                }
                onClose={() => setStatusTo(null)}
              />
              <Show when={m().viewer.isStaff}>
                <StaffRematch page={m()} open={rematchOpen()} onClose={() => setRematchOpen(false)} />
              </Show>
            </div>
          );
        }}
      </Match>
    </Switch>
  );
}

/** "Your match" for mentors and mentees: their matches in this program with a link to each, kept live. */
export function MyMatchesCard(props: { programId: string }) {
  const mine = createQuery(() => boardQueries.mine(props.programId));
  useLiveProgram(() => props.programId);
  return (
    <Show when={(mine.data?.length ?? 0) > 0}>
      <Card title="Your matches">
        <ul class="divide-y divide-slate-100 text-sm">
          <For each={mine.data}>
            {(m) => (
              <li class="flex items-center justify-between gap-3 py-2">
                <A class="font-medium text-indigo-700 hover:underline" href={`/programs/${props.programId}/matches/${m.id}`}>
                  {m.partner.name} ({m.myRole === "mentee" ? "your mentor" : "your mentee"})
                </A>
                <Badge tone={statusTones[m.status]}>{statusLabels[m.status]}</Badge>
              </li>
            )}
          </For>
        </ul>
      </Card>
    </Show>
  );
}
