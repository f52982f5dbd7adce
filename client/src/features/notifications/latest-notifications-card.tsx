import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { For, Match, Switch } from "solid-js";
import { Card } from "../../components/ui/card";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessage } from "../../lib/errors";
import { NotificationRow } from "./notification-item";
import { notificationQueries } from "./queries";

export function LatestNotificationsCard() {
  const latest = createQuery(() => notificationQueries.latest(5));
  const count = createQuery(() => notificationQueries.unreadCount());
  return (
    <Card
      title="Latest notifications"
      description={count.data ? `${count.data.unread} unread` : undefined}
      padded={false}
      footer={
        <A href="/notifications" class="font-medium text-indigo-700 hover:underline">
          See all notifications
        </A>
      }
    >
      <Switch>
        <Match when={latest.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={latest.isError}>
          <p class="px-5 py-4 text-sm text-red-700">{errorMessage(latest.error)}</p>
        </Match>
        <Match when={(latest.data?.items.length ?? 0) === 0}>
          <p class="px-5 py-6 text-sm text-slate-600">Nothing new. You are all caught up.</p>
        </Match>
        <Match when={true}>
          <ul class="divide-y divide-slate-100">
            <For each={latest.data?.items}>{(item) => <NotificationRow item={item} compact />}</For>
          </ul>
        </Match>
      </Switch>
    </Card>
  );
}
