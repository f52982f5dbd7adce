import { catalogue, isNotificationType, notificationTypes } from "@shared/modules/notification/catalogue";
import { useSearchParams } from "@solidjs/router";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createEffect, createSignal, For, Match, on, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Pagination } from "../../components/ui/pagination";
import { Select } from "../../components/ui/select";
import { LoadingBlock, Spinner } from "../../components/ui/spinner";
import { TableScroller } from "../../components/ui/table-scroller";
import { TextField } from "../../components/ui/text-field";
import { createDebounced } from "../../lib/debounced";
import { errorMessageWithFields } from "../../lib/errors";
import { formatDateTime, timeAgo } from "../../lib/format";
import { firstParam } from "../../lib/params";
import { plural } from "../../lib/plural";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { adminQueries, type Delivery, type DeliveryFilters, type DeliveryStatus, deliveryStatusLabels, retryableStatuses } from "./queries";

type Channel = NonNullable<DeliveryFilters["channel"]>;

const channelLabels: Record<Channel, string> = { in_app: "In-app", email: "Email", sms: "SMS" };
const channelNouns: Record<Channel, string> = { in_app: "in-app notification", email: "email", sms: "SMS" };
const statusTones: Record<DeliveryStatus, BadgeTone> = {
  pending: "indigo",
  sending: "indigo",
  sent: "green",
  failed: "amber",
  dead: "red",
  cancelled: "neutral",
};

const statusOptions = [
  { value: "", label: "Any status" },
  ...(Object.keys(deliveryStatusLabels) as DeliveryStatus[]).map((s) => ({ value: s, label: deliveryStatusLabels[s] })),
];
const channelOptions = [
  { value: "", label: "Any channel" },
  ...(Object.keys(channelLabels) as Channel[]).map((c) => ({ value: c, label: channelLabels[c] })),
];
const typeOptions = [{ value: "", label: "Any type" }, ...notificationTypes.map((t) => ({ value: t, label: catalogue[t].label }))];

export function typeLabel(type: string): string {
  return isNotificationType(type) ? catalogue[type].label : type;
}

/** "YYYY-MM-DD" from a date input, as the start of that day in the browser's time zone. */
function startOfDay(value: string, plusDays = 0): Date | undefined {
  const [y, m, d] = value.split("-").map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + plusDays);
}

const isStatus = (v: string | undefined): v is DeliveryStatus => !!v && Object.hasOwn(deliveryStatusLabels, v);
const isChannel = (v: string | undefined): v is Channel => !!v && Object.hasOwn(channelLabels, v);

/**
 * Every message the outbox handled, newest first, for platform admins. The filters live in the address, so
 * "/admin/deliveries?status=dead" can be linked to; the list refreshes when the server signals `delivery:changed`.
 */
export function DeliveryLog() {
  const [params, setParams] = useSearchParams();
  const param = (k: string) => firstParam(params[k]) ?? "";
  const status = () => (isStatus(param("status")) ? (param("status") as DeliveryStatus) : undefined);
  const channel = () => (isChannel(param("channel")) ? (param("channel") as Channel) : undefined);
  const type = () => param("type") || undefined;
  const from = () => param("from");
  const to = () => param("to");
  const page = () => Math.max(1, Number.parseInt(param("page"), 10) || 1);

  const [person, setPerson] = createSignal(param("person"));
  const debouncedPerson = createDebounced(() => person().trim(), 300);
  createEffect(on(debouncedPerson, (v) => setFilter("person", v), { defer: true }));

  const [notice, setNotice] = createSignal<string | null>(null);
  const [actionError, setActionError] = createSignal<string | null>(null);

  /** Changing a filter starts again at page 1. */
  function setFilter(key: string, value: string) {
    setParams({ [key]: value || undefined, page: undefined }, { replace: true });
  }

  const filters = (): DeliveryFilters => ({
    status: status(),
    channel: channel(),
    type: type(),
    person: param("person") || undefined,
    from: from() ? startOfDay(from()) : undefined,
    // "To" is inclusive: everything before the start of the next day.
    to: to() ? startOfDay(to(), 1) : undefined,
    page: page(),
    pageSize: 25,
  });
  const list = createQuery(() => adminQueries.deliveries(filters()));

  const retry = createMutation(() => ({
    mutationFn: (d: Delivery) => trpc.admin.retryDelivery.mutate({ id: d.id }),
    onMutate: () => {
      setNotice(null);
      setActionError(null);
    },
    onSuccess: (_r, d) => {
      setNotice(`The ${channelNouns[d.channel]} to ${d.recipientName ?? "the recipient"} is queued again.`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.adminDeliveries });
      void queryClient.invalidateQueries({ queryKey: queryKeys.adminOverview });
    },
    onError: (err) => setActionError(`Retry failed: ${errorMessageWithFields(err)}`),
  }));

  const anyFilter = () => !!(status() || channel() || type() || param("person") || from() || to());

  return (
    <div class="flex flex-col gap-5">
      <search class="grid grid-cols-2 gap-x-3 gap-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:gap-x-4 lg:grid-cols-4 lg:items-end">
        <TextField
          class="col-span-2"
          label="Person"
          type="search"
          value={person()}
          onInput={setPerson}
          placeholder="Recipient name or email"
        />
        <Select label="Status" value={status() ?? ""} onChange={(v) => setFilter("status", v)} options={statusOptions} />
        <Select label="Channel" value={channel() ?? ""} onChange={(v) => setFilter("channel", v)} options={channelOptions} />
        <Select class="col-span-2" label="Type" value={type() ?? ""} onChange={(v) => setFilter("type", v)} options={typeOptions} />
        <TextField label="From" type="date" value={from()} onInput={(v) => setFilter("from", v)} />
        <TextField label="To" type="date" value={to()} onInput={(v) => setFilter("to", v)} />
      </search>

      <Show when={notice()}>
        <Alert tone="success">{notice()}</Alert>
      </Show>
      <Show when={actionError()}>
        <Alert tone="error">{actionError()}</Alert>
      </Show>

      <Switch>
        <Match when={list.isPending}>
          <LoadingBlock label="Loading deliveries…" />
        </Match>
        <Match when={list.isError && !list.data}>
          <RetryAlert message={errorMessageWithFields(list.error)} onRetry={() => list.refetch()} />
        </Match>
        <Match when={list.data}>
          {(data) => (
            <div class="flex flex-col gap-4">
              <div class="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
                <p aria-live="polite">
                  {plural(data().total, "delivery", "deliveries")}
                  <Show when={anyFilter()}> match these filters</Show>
                </p>
                <div class="flex items-center gap-3">
                  <Show when={list.isFetching}>
                    <Spinner size="sm" label="Updating…" class="text-indigo-600" />
                  </Show>
                  <Show when={anyFilter()}>
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => {
                        setPerson("");
                        setParams(
                          {
                            status: undefined,
                            channel: undefined,
                            type: undefined,
                            person: undefined,
                            from: undefined,
                            to: undefined,
                            page: undefined,
                          },
                          { replace: true },
                        );
                      }}
                    >
                      Clear filters
                    </Button>
                  </Show>
                </div>
              </div>
              {/*
                Six columns at most: attempts, the provider's status and the last error sit under the status, the channel
                under the type, so the Summary keeps a readable width instead of wrapping one word per line. Below each
                breakpoint the hidden columns' facts move into the cells that stay; a table wider than its box
                scrolls inside it.
              */}
              <TableScroller label="Deliveries" class={list.isPlaceholderData ? "opacity-60" : ""}>
                <table class="min-w-full divide-y divide-slate-200 text-left text-sm">
                  <thead class="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                    <tr>
                      <th scope="col" class="hidden px-3 py-3 sm:table-cell">
                        Time
                      </th>
                      <th scope="col" class="px-3 py-3">
                        Recipient
                      </th>
                      <th scope="col" class="hidden px-3 py-3 md:table-cell">
                        Type
                      </th>
                      <th scope="col" class="hidden px-3 py-3 lg:table-cell">
                        Summary
                      </th>
                      <th scope="col" class="px-3 py-3">
                        Status
                      </th>
                      <th scope="col" class="px-3 py-3">
                        <span class="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody class="divide-y divide-slate-100">
                    <For
                      each={data().items}
                      fallback={
                        <tr>
                          <td colSpan={6} class="px-4 py-10 text-center text-slate-600">
                            {anyFilter() ? "No deliveries match these filters." : "Nothing has been sent yet."}
                          </td>
                        </tr>
                      }
                    >
                      {(d) => (
                        <tr class={d.status === "dead" ? "bg-red-50/40" : d.status === "failed" ? "bg-amber-50/40" : ""}>
                          <td class="hidden w-32 px-3 py-3 align-top text-slate-700 sm:table-cell">
                            <time class="whitespace-nowrap" datetime={d.createdAt.toISOString()} title={formatDateTime(d.createdAt)}>
                              {timeAgo(d.createdAt)}
                            </time>
                            <Show when={d.sentAt}>{(sent) => <p class="text-xs text-slate-500">sent {formatDateTime(sent())}</p>}</Show>
                          </td>
                          <td class="min-w-40 px-3 py-3 align-top lg:min-w-56">
                            <p class="font-medium text-slate-900">{d.recipientName ?? "(deleted account)"}</p>
                            <Show when={d.recipientEmail}>
                              <p class="text-xs text-slate-500 [overflow-wrap:anywhere]">{d.recipientEmail}</p>
                            </Show>
                            {/* On narrow screens the hidden columns' facts move under the recipient. */}
                            <p class="mt-1 text-xs text-slate-600 sm:hidden">
                              <time datetime={d.createdAt.toISOString()}>{timeAgo(d.createdAt)}</time>
                            </p>
                            <p class="mt-1 text-xs text-slate-600 md:hidden">
                              {typeLabel(d.type)} · {channelLabels[d.channel]}
                            </p>
                            <p class="text-xs break-words text-slate-500 lg:hidden">{d.summary}</p>
                          </td>
                          <td class="hidden min-w-36 px-3 py-3 align-top text-slate-700 md:table-cell">
                            <p>{typeLabel(d.type)}</p>
                            <Badge class="mt-1">{channelLabels[d.channel]}</Badge>
                          </td>
                          <td
                            data-column="summary"
                            class="hidden w-1/3 min-w-64 px-3 py-3 align-top break-words text-slate-700 lg:table-cell"
                          >
                            {d.summary}
                          </td>
                          <td class="min-w-28 px-3 py-3 align-top">
                            <Badge tone={statusTones[d.status]}>{deliveryStatusLabels[d.status]}</Badge>
                            <p class="mt-1 text-xs whitespace-nowrap text-slate-500">
                              {d.attempts}/{d.maxAttempts} attempts
                            </p>
                            <Show when={d.providerStatus}>
                              <p class="text-xs text-slate-500">Provider: {d.providerStatus}</p>
                            </Show>
                            <Show when={d.lastError}>
                              <p class="mt-1 max-w-56 text-xs break-words text-red-700">{d.lastError}</p>
                            </Show>
                          </td>
                          <td class="px-3 py-3 text-right align-top">
                            <Show when={retryableStatuses.includes(d.status)}>
                              <Button
                                size="sm"
                                variant="secondary"
                                loading={retry.isPending && retry.variables?.id === d.id}
                                onClick={() => retry.mutate(d)}
                                aria-label={`Retry the ${channelNouns[d.channel]} to ${d.recipientName ?? "the recipient"}`}
                              >
                                Retry
                              </Button>
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </TableScroller>
              <Show when={data().pages > 1}>
                <Pagination
                  page={data().page}
                  pages={data().pages}
                  onChange={(p) => setParams({ page: p > 1 ? String(p) : undefined })}
                  label="Delivery pages"
                  disabled={list.isFetching}
                />
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
