import { infiniteQueryOptions, queryOptions } from "@tanstack/solid-query";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type NotificationItem = RouterOutputs["notification"]["list"]["items"][number];
type Cursor = RouterOutputs["notification"]["list"]["nextCursor"];

export const notificationQueries = {
  unreadCount: () =>
    queryOptions({
      queryKey: queryKeys.unreadCount,
      queryFn: () => trpc.notification.unreadCount.query(),
    }),
  latest: (limit: number) =>
    queryOptions({
      queryKey: [...queryKeys.notificationList, "latest", limit] as const,
      queryFn: () => trpc.notification.list.query({ limit }),
    }),
  all: () =>
    infiniteQueryOptions({
      queryKey: [...queryKeys.notificationList, "all"] as const,
      queryFn: ({ pageParam }) => trpc.notification.list.query({ limit: 20, before: pageParam }),
      initialPageParam: null as Cursor,
      getNextPageParam: (last) => last.nextCursor,
    }),
};

/** After a read change the server answers with the new unread count; the socket also pushes it. */
export function applyUnread(unread: number) {
  queryClient.setQueryData(queryKeys.unreadCount, { unread });
  void queryClient.invalidateQueries({ queryKey: queryKeys.notificationList });
}

export const notificationMutations = {
  markRead: () => ({
    mutationFn: (id: string) => trpc.notification.markRead.mutate({ id }),
    onSuccess: (r: { unread: number }) => applyUnread(r.unread),
  }),
  markAllRead: () => ({
    mutationFn: () => trpc.notification.markAllRead.mutate(),
    onSuccess: (r: { unread: number }) => applyUnread(r.unread),
  }),
};

/** Notification links are paths inside this app; anything else is not followed. */
export function internalLink(link: string | null): string | null {
  return link?.startsWith("/") && !link.startsWith("//") ? link : null;
}
