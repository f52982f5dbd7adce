import { createQuery } from "@tanstack/solid-query";
import { Match, Show, Switch } from "solid-js";
import { RetryAlert } from "../../components/ui/alert";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessageWithFields } from "../../lib/errors";
import { ActivityCard } from "./activity-card";
import { useLiveProgram } from "./live";
import { LiveMatchesCard } from "./live-matches-card";
import { ManualMatchCard } from "./manual-match-card";
import { NeverPairCard } from "./never-pair-card";
import { PoolCard } from "./pool-card";
import { boardQueries } from "./queries";
import { RequestsCard } from "./requests-card";
import { SuggestionsCard } from "./suggestions-card";

/** The coordinator's live board for one program. */
export function CoordinatorBoard(props: { programId: string }) {
  const board = createQuery(() => boardQueries.board(props.programId));
  useLiveProgram(() => props.programId);
  return (
    <Switch>
      <Match when={board.isPending}>
        <LoadingBlock label="Loading the board…" />
      </Match>
      <Match when={board.isError && !board.data}>
        <RetryAlert message={errorMessageWithFields(board.error)} onRetry={() => board.refetch()} />
      </Match>
      <Match when={board.data}>
        {(b) => (
          <div class="flex flex-col gap-6">
            <RequestsCard board={b()} />
            <Show when={b().program.matchingMode === "reviewed"}>
              <SuggestionsCard programId={props.programId} />
            </Show>
            <PoolCard board={b()} />
            <LiveMatchesCard board={b()} />
            <div class="grid gap-6 lg:grid-cols-2">
              <ManualMatchCard board={b()} />
              <NeverPairCard board={b()} />
            </div>
            <ActivityCard programId={props.programId} />
          </div>
        )}
      </Match>
    </Switch>
  );
}
