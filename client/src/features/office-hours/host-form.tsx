import { hostOfficeHoursInput, MAX_REPEAT_WEEKS, MAX_SEATS } from "@shared/modules/office-hours/office-hours.schema";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { RequiredFieldsNote } from "../../components/ui/field";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { plural } from "../../lib/plural";
import { trpc } from "../../lib/trpc";
import { formatStart, localToIso, refreshOfficeHours, toNumber } from "./queries";

const shownFields = ["title", "start", "durationMinutes", "capacity", "repeatWeeks", "description"];

/** "Host office hours": a title, a start in the host's own zone, a length, seats and an optional description. */
export function HostOfficeHoursForm(props: { programId: string; sessionMinutes: number }) {
  const [title, setTitle] = createSignal("");
  const [date, setDate] = createSignal("");
  const [time, setTime] = createSignal("");
  const [duration, setDuration] = createSignal("");
  const [capacity, setCapacity] = createSignal("5");
  const [repeat, setRepeat] = createSignal("1");
  const [description, setDescription] = createSignal("");
  const [done, setDone] = createSignal<string | null>(null);
  const [refused, setRefused] = createSignal<{ start: Date; message: string }[]>([]);
  const errors = createFormErrors();
  const shown = (path: string) => shownFields.includes(path);

  const host = createMutation(() => ({
    mutationFn: (input: Parameters<typeof trpc.officeHours.host.mutate>[0]) => trpc.officeHours.host.mutate(input),
    onSuccess: async ({ created, conflicts }) => {
      await refreshOfficeHours();
      const first = created[0];
      if (first) {
        const seats = plural(first.capacity, "person", "people");
        setDone(
          created.length === 1
            ? `"${first.title}" is open for ${seats}.`
            : `${plural(created.length, "session")} of "${first.title}" are open for ${seats} each.`,
        );
      }
      setRefused(conflicts);
      setTitle("");
      setDescription("");
    },
    onError: (err) => errors.fromServer(err, shown),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    setDone(null);
    setRefused([]);
    const input = errors.parse(
      hostOfficeHoursInput,
      {
        programId: props.programId,
        title: title(),
        start: localToIso(date(), time()),
        durationMinutes: duration().trim() === "" ? undefined : toNumber(duration()),
        capacity: toNumber(capacity()),
        repeatWeeks: toNumber(repeat()),
        description: description(),
      },
      { shown },
    );
    if (input) host.mutate(input);
  }

  const edit = (path: string, set: (v: string) => void) => (v: string) => {
    set(v);
    errors.clearField(path);
  };

  return (
    <Card title="Host office hours" description="Open a group session in this program; mentees and mentors take the seats.">
      <form onSubmit={submit} class="flex flex-col gap-4" novalidate aria-label="Host office hours">
        <RequiredFieldsNote />
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <Show when={done()}>
          <Alert tone="success">{done()}</Alert>
        </Show>
        <Show when={refused().length > 0}>
          <Alert tone="warning" title="Some weeks were not opened">
            <ul>
              <For each={refused()}>
                {(c) => (
                  <li>
                    {formatStart(c.start)}: {c.message}
                  </li>
                )}
              </For>
            </ul>
          </Alert>
        </Show>
        <TextField label="Title" value={title()} onInput={edit("title", setTitle)} error={errors.field("title")} maxLength={120} required />
        <div class="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Date"
            type="date"
            value={date()}
            onInput={edit("start", setDate)}
            error={errors.field("start")}
            description="In your time zone."
            required
          />
          <TextField label="Start time" type="time" value={time()} onInput={edit("start", setTime)} required />
        </div>
        <div class="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Length in minutes"
            type="number"
            inputMode="numeric"
            required={false}
            value={duration()}
            onInput={edit("durationMinutes", setDuration)}
            error={errors.field("durationMinutes")}
            placeholder={String(props.sessionMinutes)}
            description={`The program's session length (${plural(props.sessionMinutes, "minute")}) when left empty.`}
          />
          <TextField
            label="Seats"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_SEATS}
            value={capacity()}
            onInput={edit("capacity", setCapacity)}
            error={errors.field("capacity")}
            description={`People who can join, 1 to ${MAX_SEATS}; you are not counted.`}
            required
          />
        </div>
        <TextField
          label="Repeat weekly for"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_REPEAT_WEEKS}
          value={repeat()}
          onInput={edit("repeatWeeks", setRepeat)}
          error={errors.field("repeatWeeks")}
          description={`Weeks in a row at the same time, this one included (1 to ${MAX_REPEAT_WEEKS}). A week that clashes with another of your sessions is listed, not skipped silently.`}
          required
        />
        <TextField
          label="Description"
          rows={3}
          required={false}
          value={description()}
          onInput={edit("description", setDescription)}
          error={errors.field("description")}
          maxLength={2000}
        />
        <div>
          <Button type="submit" loading={host.isPending}>
            Host office hours
          </Button>
        </div>
      </form>
    </Card>
  );
}
