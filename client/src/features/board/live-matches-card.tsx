import { A } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { formatDate } from "../../lib/format";
import { type Board, type LiveMatch, type MatchStatus, sourceLabels, statusLabels, statusTones } from "./queries";
import { RematchDialog } from "./rematch-dialog";
import { StatusDialog } from "./status-dialog";

/** Active and paused matches with their score, and the actions a coordinator takes on them. */
export function LiveMatchesCard(props: { board: Board }) {
  const [statusTarget, setStatusTarget] = createSignal<{ matchId: string; pairLabel: string; to: MatchStatus } | null>(null);
  const [rematchTarget, setRematchTarget] = createSignal<{
    matchId: string;
    programId: string;
    menteeName: string;
    mentorId: string;
  } | null>(null);
  const ask = (m: LiveMatch, to: MatchStatus) =>
    setStatusTarget({ matchId: m.id, pairLabel: `${m.mentee.name} with ${m.mentor.name}`, to });

  return (
    <Card title="Live matches" description={`${props.board.liveMatches.length} active or paused.`}>
      <Show when={props.board.liveMatches.length > 0} fallback={<p class="text-sm text-slate-500">No live matches yet.</p>}>
        <ul class="divide-y divide-slate-100">
          <For each={props.board.liveMatches}>
            {(m) => (
              <li class="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div class="min-w-0">
                  <A href={`/programs/${props.board.program.id}/matches/${m.id}`} class="font-medium text-indigo-700 hover:underline">
                    {m.mentee.name} with {m.mentor.name}
                  </A>
                  <p class="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    <Badge tone={statusTones[m.status]}>{statusLabels[m.status]}</Badge>
                    <span>Score {m.score ?? "n/a"}</span>
                    <span>{sourceLabels[m.source] ?? m.source}</span>
                    <span>since {formatDate(m.createdAt)}</span>
                    <Show when={m.capacityOverrideReason}>
                      <Badge tone="amber">Over capacity: {m.capacityOverrideReason}</Badge>
                    </Show>
                  </p>
                </div>
                <div class="flex flex-wrap gap-1">
                  <Show
                    when={m.status === "active"}
                    fallback={
                      <Button size="sm" variant="secondary" onClick={() => ask(m, "active")}>
                        Resume
                      </Button>
                    }
                  >
                    <Button size="sm" variant="secondary" onClick={() => ask(m, "paused")}>
                      Pause
                    </Button>
                  </Show>
                  <Button size="sm" variant="secondary" onClick={() => ask(m, "completed")}>
                    Complete
                  </Button>
                  <Button size="sm" variant="secondary" onClick={() => ask(m, "ended")}>
                    End
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() =>
                      setRematchTarget({
                        matchId: m.id,
                        programId: props.board.program.id,
                        menteeName: m.mentee.name,
                        mentorId: m.mentor.id,
                      })
                    }
                  >
                    Rematch
                  </Button>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <StatusDialog target={statusTarget()} onClose={() => setStatusTarget(null)} />
      <RematchDialog target={rematchTarget()} mentors={props.board.mentors} onClose={() => setRematchTarget(null)} />
    </Card>
  );
}
