import { quietHoursInput } from "@shared/modules/notification/notification.schema";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createEffect, createSignal, on, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { preferenceQueries } from "./queries";

/** Quiet hours: non-urgent text messages wait until they end. Same start and end turns them off. */
export function QuietHoursForm(props: { timezone?: string | undefined }) {
  const prefs = createQuery(() => preferenceQueries.matrix());
  const [start, setStart] = createSignal("21:00");
  const [end, setEnd] = createSignal("08:00");
  const [saved, setSaved] = createSignal(false);
  const errors = createFormErrors();
  const shown = (p: string) => p === "start" || p === "end";

  // Fill the form once the saved hours arrive (and again only if they change on the server).
  createEffect(
    on(
      () => (prefs.data ? `${prefs.data.quietHours.start}-${prefs.data.quietHours.end}` : ""),
      (key) => {
        const [s, e] = key.split("-");
        if (!s || !e) return;
        setStart(s);
        setEnd(e);
      },
    ),
  );

  const save = createMutation(() => ({
    mutationFn: (input: { start: string; end: string }) => trpc.notification.setQuietHours.mutate(input),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: queryKeys.notificationPreferences });
    },
    onError: (err) => errors.fromServer(err, shown),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    setSaved(false);
    errors.clear();
    const input = errors.parse(quietHoursInput, { start: start(), end: end() }, { shown });
    if (input) save.mutate(input);
  }

  return (
    <Card
      title="Quiet hours"
      description={
        <>
          Text messages that are not urgent wait until your quiet hours end. Security messages still arrive at once.
          <Show when={props.timezone}> Times are in your time zone ({props.timezone}).</Show>
        </>
      }
    >
      <form class="flex flex-col gap-4" onSubmit={submit} noValidate>
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <div class="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Quiet from"
            type="time"
            name="start"
            value={start()}
            onInput={(v) => {
              setStart(v);
              errors.clearField("start");
            }}
            error={errors.field("start")}
            required
          />
          <TextField
            label="Quiet until"
            type="time"
            name="end"
            value={end()}
            onInput={(v) => {
              setEnd(v);
              errors.clearField("end");
            }}
            error={errors.field("end")}
            description="Set both to the same time to turn quiet hours off."
            required
          />
        </div>
        <div class="flex flex-wrap items-center gap-3">
          <Button type="submit" loading={save.isPending} disabled={prefs.isPending}>
            Save quiet hours
          </Button>
          <Show when={saved()}>
            <p role="status" class="text-sm font-medium text-emerald-700">
              Saved.
            </p>
          </Show>
        </div>
      </form>
    </Card>
  );
}
