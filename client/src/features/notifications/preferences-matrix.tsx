import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, createUniqueId, For, Index, type JSX, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Card } from "../../components/ui/card";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessageWithFields } from "../../lib/errors";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { type Channel, channelLabels, channelPhrases, type PreferenceRow, type Preferences, preferenceQueries } from "./queries";

type Toggle = { type: string; channel: Channel; enabled: boolean; label: string };

function withCell(data: Preferences, t: Toggle): Preferences {
  return {
    ...data,
    rows: data.rows.map((r) =>
      r.type !== t.type
        ? r
        : { ...r, channels: r.channels.map((c) => (c.channel === t.channel ? { ...c, enabled: t.enabled, isDefault: false } : c)) },
    ),
  };
}

/** Why a cell cannot be changed, or undefined when it can. */
function lockReason(row: PreferenceRow, cell: PreferenceRow["channels"][number]): string | undefined {
  if (!cell.locked) return undefined;
  if (!cell.offered) return `Not sent ${channelPhrases[cell.channel]}`;
  return row.mandatory ? "Required for account security" : "Cannot be changed";
}

/**
 * The type × channel matrix. Each checkbox saves at once: the screen changes first (optimistic), and goes back
 * with an explanation when the server refuses. On phones each type is a small group of three labelled checkboxes.
 */
export function PreferencesMatrix(props: { smsNote?: JSX.Element }) {
  const prefs = createQuery(() => preferenceQueries.matrix());
  const [error, setError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal<string | null>(null);

  const toggle = createMutation(() => ({
    mutationFn: (t: Toggle) => trpc.notification.setPreference.mutate({ type: t.type, channel: t.channel, enabled: t.enabled }),
    onMutate: async (t: Toggle) => {
      setError(null);
      setSaved(null);
      await queryClient.cancelQueries({ queryKey: queryKeys.notificationPreferences });
      const previous = queryClient.getQueryData<Preferences>(queryKeys.notificationPreferences);
      if (previous) queryClient.setQueryData<Preferences>(queryKeys.notificationPreferences, withCell(previous, t));
      return { previous };
    },
    onError: (err, t, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.notificationPreferences, context.previous);
      setError(`${t.label} could not be changed: ${errorMessageWithFields(err)}`);
    },
    onSuccess: (_r, t) => setSaved(`${t.label}: ${t.enabled ? "on" : "off"}. Saved.`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.notificationPreferences }),
  }));

  return (
    <Card
      title="What we send you"
      description="Choose how you hear about each kind of notification. Changes are saved as soon as you tick or untick a box."
    >
      <div class="flex flex-col gap-4">
        <Show when={props.smsNote}>{props.smsNote}</Show>
        <Show when={error()}>
          <Alert tone="error">{error()}</Alert>
        </Show>
        <p role="status" class="sr-only">
          {saved()}
        </p>
        <Switch>
          <Match when={prefs.isPending}>
            <LoadingBlock label="Loading your notification settings…" />
          </Match>
          <Match when={prefs.isError && !prefs.data}>
            <RetryAlert message={errorMessageWithFields(prefs.error)} onRetry={() => prefs.refetch()} />
          </Match>
          <Match when={prefs.data}>
            {(data) => (
              <div class="-mx-5 border-t border-slate-100 sm:mx-0 sm:border-0">
                <div
                  aria-hidden="true"
                  class="hidden grid-cols-[minmax(0,1fr)_repeat(3,6.5rem)] gap-2 border-b border-slate-200 pb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase sm:grid"
                >
                  <span>Notification</span>
                  <For each={data().channels}>{(c) => <span class="text-center">{channelLabels[c]}</span>}</For>
                </div>
                <ul class="divide-y divide-slate-100">
                  {/* Index, not For: a saved change replaces the row objects, and the checkbox must keep its focus. */}
                  <Index each={data().rows}>
                    {(row) => (
                      <PreferenceRowView
                        row={row()}
                        pending={(c) => toggle.isPending && toggle.variables?.type === row().type && toggle.variables.channel === c}
                        onToggle={(t) => toggle.mutate(t)}
                      />
                    )}
                  </Index>
                </ul>
              </div>
            )}
          </Match>
        </Switch>
      </div>
    </Card>
  );
}

function PreferenceRowView(props: { row: PreferenceRow; pending: (c: Channel) => boolean; onToggle: (t: Toggle) => void }) {
  const id = `pref-${createUniqueId()}`;
  return (
    <li>
      <fieldset class="grid gap-3 px-5 py-4 sm:grid-cols-[minmax(0,1fr)_repeat(3,6.5rem)] sm:items-center sm:gap-2 sm:px-0">
        <legend class="sr-only">{props.row.label}</legend>
        <div class="min-w-0">
          <p class="text-sm font-medium text-slate-900" aria-hidden="true">
            {props.row.label}
          </p>
          <p id={`${id}-description`} class="text-sm text-slate-500">
            {props.row.description}
          </p>
          <Show when={props.row.mandatory}>
            <Badge tone="neutral" class="mt-1">
              Required for account security
            </Badge>
          </Show>
        </div>
        <div class="grid grid-cols-3 gap-2 sm:contents">
          <Index each={props.row.channels}>
            {(cell) => {
              const cellId = () => `${id}-${cell().channel}`;
              const reason = () => lockReason(props.row, cell());
              return (
                <div class="flex flex-col items-start gap-1 sm:items-center sm:text-center">
                  <label class="inline-flex items-center gap-2 text-sm text-slate-800">
                    <input
                      id={cellId()}
                      type="checkbox"
                      checked={cell().enabled}
                      disabled={cell().locked}
                      aria-label={`${props.row.label} ${channelPhrases[cell().channel]}`}
                      aria-describedby={reason() ? `${cellId()}-reason` : `${id}-description`}
                      aria-busy={props.pending(cell().channel) ? "true" : undefined}
                      onChange={(e) => {
                        const enabled = e.currentTarget.checked;
                        props.onToggle({
                          type: props.row.type,
                          channel: cell().channel,
                          enabled,
                          label: `${props.row.label} ${channelPhrases[cell().channel]}`,
                        });
                      }}
                      class="size-5 shrink-0 rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50"
                    />
                    <span class="sm:sr-only" aria-hidden="true">
                      {channelLabels[cell().channel]}
                    </span>
                  </label>
                  <Show when={reason()}>
                    <span id={`${cellId()}-reason`} class="text-xs leading-tight text-slate-500">
                      {/* The mandatory row says it once under its description; the screen reader still hears it per box. */}
                      <span class={props.row.mandatory && cell().offered ? "sr-only" : ""}>{reason()}</span>
                    </span>
                  </Show>
                </div>
              );
            }}
          </Index>
        </div>
      </fieldset>
    </li>
  );
}
