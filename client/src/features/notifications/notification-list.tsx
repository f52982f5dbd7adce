import { createInfiniteQuery, createMutation } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessage } from "../../lib/errors";
import { NotificationRow } from "./notification-item";
import { notificationMutations, notificationQueries } from "./queries";

/** The full notification list: newest first, "Load more" follows the cursor. */
export function NotificationList() {
  const list = createInfiniteQuery(() => notificationQueries.all());
  const [actionError, setActionError] = createSignal<unknown>(null);
  const markAll = createMutation(() => ({ ...notificationMutations.markAllRead(), onError: setActionError }));
  const items = () => list.data?.pages.flatMap((p) => p.items) ?? [];
  const anyUnread = () => items().some((i) => i.readAt === null);

  return (
    <div class="flex flex-col gap-4">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <p class="text-sm text-slate-600">Updates about your account, programs and matches.</p>
        <Button variant="secondary" size="sm" disabled={!anyUnread()} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          Mark all as read
        </Button>
      </div>
      <Show when={actionError()}>
        <Alert tone="error">{errorMessage(actionError())}</Alert>
      </Show>
      <Switch>
        <Match when={list.isPending}>
          <LoadingBlock label="Loading notifications…" />
        </Match>
        <Match when={list.isError}>
          <RetryAlert message={errorMessage(list.error)} onRetry={() => list.refetch()} />
        </Match>
        <Match when={items().length === 0}>
          <div class="rounded-xl bg-white px-5 py-12 text-center shadow-sm ring-1 ring-slate-200">
            <p class="font-medium text-slate-900">You have no notifications yet</p>
            <p class="mt-1 text-sm text-slate-600">When something needs your attention, it will show up here.</p>
          </div>
        </Match>
        <Match when={true}>
          <ul
            class="divide-y divide-slate-100 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200"
            aria-label="Notifications"
          >
            <For each={items()}>{(item) => <NotificationRow item={item} onError={setActionError} />}</For>
          </ul>
          <Show when={list.hasNextPage}>
            <div class="flex justify-center">
              <Button variant="secondary" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                Load more
              </Button>
            </div>
          </Show>
        </Match>
      </Switch>
    </div>
  );
}
