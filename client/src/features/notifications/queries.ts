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

export type Preferences = RouterOutputs["notification"]["preferences"];
export type PreferenceRow = Preferences["rows"][number];
export type Channel = Preferences["channels"][number];

export const preferenceQueries = {
  matrix: () =>
    queryOptions({
      queryKey: queryKeys.notificationPreferences,
      queryFn: () => trpc.notification.preferences.query(),
    }),
};

/** "In-app", "Email", "SMS": the column headings of the preferences matrix. */
export const channelLabels: Record<Channel, string> = { in_app: "In-app", email: "Email", sms: "SMS" };
/** How a channel reads inside a sentence: "Reminders by SMS", "Not sent by email". */
export const channelPhrases: Record<Channel, string> = { in_app: "in the app", email: "by email", sms: "by SMS" };
