import { A } from "@solidjs/router";
import { createMutation } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { Button } from "../../components/ui/button";
import { formatDateTime, timeAgo } from "../../lib/format";
import { internalLink, type NotificationItem, notificationMutations } from "./queries";

/** One notification. Opening one that has a link marks it read, then goes there. */
export function NotificationRow(props: { item: NotificationItem; compact?: boolean; onError?: (err: unknown) => void }) {
  const markRead = createMutation(() => ({ ...notificationMutations.markRead(), onError: props.onError }));
  const unread = () => props.item.readAt === null;
  const link = () => internalLink(props.item.link);

  return (
    <li class={`flex gap-3 px-4 py-3 sm:px-5 ${unread() ? "bg-indigo-50/60" : ""}`}>
      <span class="mt-2 flex size-2 shrink-0" aria-hidden="true">
        <Show when={unread()}>
          <span class="size-2 rounded-full bg-indigo-600" />
        </Show>
      </span>
      <div class="min-w-0 flex-1">
        <p class={`text-sm ${unread() ? "font-semibold text-slate-900" : "font-medium text-slate-700"}`}>
          <Show when={unread()}>
            <span class="sr-only">Unread: </span>
          </Show>
          <Show when={link()} fallback={props.item.title}>
            {(href) => (
              <A
                href={href()}
                // The router navigates; the read mark is sent on the way and finishes after the page changes.
                onClick={() => {
                  if (unread()) markRead.mutate(props.item.id);
                }}
                class="hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {props.item.title}
              </A>
            )}
          </Show>
        </p>
        <Show when={props.item.body && !props.compact}>
          <p class="mt-0.5 text-sm break-words text-slate-600">{props.item.body}</p>
        </Show>
        <p class="mt-1 text-xs text-slate-600">
          <time datetime={props.item.createdAt.toISOString()} title={formatDateTime(props.item.createdAt)}>
            {timeAgo(props.item.createdAt)}
          </time>
        </p>
      </div>
      <Show when={unread() && !props.compact}>
        <Button
          variant="ghost"
          size="sm"
          class="shrink-0 self-start"
          loading={markRead.isPending}
          onClick={() => markRead.mutate(props.item.id)}
        >
          Mark as read
        </Button>
      </Show>
    </li>
  );
}
