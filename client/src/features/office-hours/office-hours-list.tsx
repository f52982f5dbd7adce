import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessage } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { useLiveEvents } from "../../lib/socket";
import { trpc } from "../../lib/trpc";
import { ManageDialog, type ManageMode } from "./manage-dialogs";
import { formatRange, isViewerZone, type OfficeHours, officeHoursQueries, refreshOfficeHours } from "./queries";

function SeatBadge(props: { session: OfficeHours }) {
  return (
    <Switch
      fallback={
        <Badge tone="green">
          {props.session.seatsLeft} of {plural(props.session.capacity, "seat")} left
        </Badge>
      }
    >
      <Match when={props.session.mine === "host"}>
        <Badge tone="indigo">
          You host · {props.session.seatsTaken} of {plural(props.session.capacity, "seat")} taken
        </Badge>
      </Match>
      <Match when={props.session.mine === "seat"}>
        <Badge tone="indigo">You have a seat</Badge>
      </Match>
      <Match when={props.session.seatsLeft === 0}>
        <Badge tone="amber">Full</Badge>
      </Match>
    </Switch>
  );
}

/** One session: when (the viewer's zone and the host's), who hosts, seats, and what the viewer can do. */
function OfficeHoursItem(props: { session: OfficeHours; canTakeSeats: boolean; onManage: (mode: ManageMode) => void }) {
  const s = () => props.session;
  const [error, setError] = createSignal<unknown>(null);
  const seat = createMutation(() => ({
    mutationFn: (take: boolean) =>
      take ? trpc.officeHours.takeSeat.mutate({ sessionId: s().id }) : trpc.officeHours.leave.mutate({ sessionId: s().id }),
    onMutate: () => setError(null),
    onSuccess: () => refreshOfficeHours(),
    onError: (err: unknown) => setError(err),
  }));
  return (
    <li class="flex flex-col gap-3 py-4 first:pt-0 last:pb-0">
      <div class="flex flex-wrap items-start justify-between gap-2">
        <div class="min-w-0">
          <h3 class="text-base font-semibold text-slate-900">{s().title}</h3>
          <p class="text-sm text-slate-700">{formatRange(s().start, s().end)}</p>
          <Show when={!isViewerZone(s().host.timeZone)}>
            <p class="text-sm text-slate-500">Host's time: {formatRange(s().start, s().end, s().host.timeZone)}</p>
          </Show>
          <p class="text-sm text-slate-600">Hosted by {s().mine === "host" ? "you" : s().host.name}</p>
        </div>
        <SeatBadge session={s()} />
      </div>
      <Show when={s().description}>
        <p class="text-sm whitespace-pre-line text-slate-700">{s().description}</p>
      </Show>
      <Show when={s().canManage}>
        <div class="text-sm text-slate-700">
          <Show when={s().attendees.length > 0} fallback={<p>No one has taken a seat yet.</p>}>
            <p class="font-medium">Attendees</p>
            <ul class="list-inside list-disc">
              <For each={s().attendees}>{(a) => <li>{a.name}</li>}</For>
            </ul>
          </Show>
        </div>
      </Show>
      <Show when={error()}>
        <Alert tone="error">{errorMessage(error())}</Alert>
      </Show>
      <div class="flex flex-wrap gap-2">
        <Show when={props.canTakeSeats && s().mine === null}>
          <Button size="sm" disabled={s().seatsLeft === 0} loading={seat.isPending} onClick={() => seat.mutate(true)}>
            {s().seatsLeft === 0 ? "No seats left" : "Take a seat"}
          </Button>
        </Show>
        <Show when={s().mine === "seat"}>
          <Button size="sm" variant="secondary" loading={seat.isPending} onClick={() => seat.mutate(false)}>
            Leave
          </Button>
        </Show>
        <Show when={s().canManage}>
          <Button size="sm" variant="secondary" onClick={() => props.onManage("edit")}>
            Edit
          </Button>
          <Button size="sm" variant="secondary" onClick={() => props.onManage("move")}>
            Move
          </Button>
          <Button size="sm" variant="danger" onClick={() => props.onManage("cancel")}>
            Cancel
          </Button>
        </Show>
      </div>
    </li>
  );
}

/**
 * The program's upcoming office hours, kept live: a "session:changed" signal (a seat taken or given back, a move,
 * a cancel) refetches the list. `canTakeSeats`: the viewer is one of the program's mentees or mentors.
 */
export function OfficeHoursList(props: { programId: string; canTakeSeats: boolean; title: string; filter?: (s: OfficeHours) => boolean }) {
  const list = createQuery(() => officeHoursQueries.list(props.programId));
  const [managing, setManaging] = createSignal<{ mode: ManageMode; session: OfficeHours } | null>(null);
  const refetch = () => void refreshOfficeHours();
  useLiveEvents(["session:changed"], refetch, refetch);
  const items = () => (list.data ?? []).filter(props.filter ?? (() => true));

  return (
    <Card title={props.title}>
      <Switch>
        <Match when={list.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={list.isError && !list.data}>
          <RetryAlert message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
        </Match>
        <Match when={items().length === 0}>
          <p class="text-sm text-slate-600">No upcoming office hours.</p>
        </Match>
        <Match when={items().length > 0}>
          <ul class="divide-y divide-slate-100">
            <For each={items()}>
              {(s) => (
                <OfficeHoursItem session={s} canTakeSeats={props.canTakeSeats} onManage={(mode) => setManaging({ mode, session: s })} />
              )}
            </For>
          </ul>
        </Match>
      </Switch>
      <Show when={managing()}>{(m) => <ManageDialog mode={m().mode} session={m().session} onClose={() => setManaging(null)} />}</Show>
    </Card>
  );
}
