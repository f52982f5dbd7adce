import { reminderChannels, updateProgramInput } from "@shared/modules/program/program.schema";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, For, Index, type JSX, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { joinModes, matchingModes, programTypes } from "../../../../db/schema/enums";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Checkbox } from "../../components/ui/checkbox";
import { FieldError, RequiredFieldsNote } from "../../components/ui/field";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { channelLabels, joinModeLabels, matchingModeDescriptions, matchingModeLabels, type Program, typeLabels } from "./queries";
import { type SchedulingDraft, SchedulingSettingsSection, schedulingDraftOf } from "./scheduling-settings-section";

type Channel = (typeof reminderChannels)[number];
type Unit = "minutes" | "hours" | "days";
const unitMinutes: Record<Unit, number> = { minutes: 1, hours: 60, days: 1440 };
type OffsetRow = { amount: string; unit: Unit; channels: Channel[] };

const weightFields = [
  { key: "skills", label: "Skills" },
  { key: "availability", label: "Availability overlap" },
  { key: "communication", label: "Communication preference" },
  { key: "capacity", label: "Mentor's spare capacity" },
] as const;
type WeightKey = (typeof weightFields)[number]["key"];

function toRow(o: { minutesBefore: number; channels: Channel[] }): OffsetRow {
  const unit: Unit = o.minutesBefore % 1440 === 0 ? "days" : o.minutesBefore % 60 === 0 ? "hours" : "minutes";
  return { amount: String(o.minutesBefore / unitMinutes[unit]), unit, channels: [...o.channels] };
}

/** "" and other non-numbers become NaN, which the shared schema words as "Enter ... as a whole number." */
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

function Section(props: { title: string; description?: string; children: JSX.Element }) {
  return (
    <fieldset class="flex flex-col gap-4 border-t border-slate-100 pt-5 first:border-t-0 first:pt-0">
      <legend class="contents">
        <span class="text-sm font-semibold text-slate-900">{props.title}</span>
      </legend>
      <Show when={props.description}>
        <p class="-mt-2 text-sm text-slate-500">{props.description}</p>
      </Show>
      {props.children}
    </fieldset>
  );
}

/** Every setting of a program, for its coordinators and platform admins; errors appear at their fields. */
export function ProgramSettingsForm(props: { program: Program; isPlatformAdmin: boolean }) {
  const p = props.program;
  const [form, setForm] = createStore({
    name: p.name,
    slug: p.slug,
    description: p.description,
    status: p.status,
    type: p.type,
    joinMode: p.joinMode,
    requiresApproval: p.requiresApproval,
    matchingMode: p.matchingMode,
    weights: Object.fromEntries(weightFields.map((w) => [w.key, String(p.weights[w.key])])) as Record<WeightKey, string>,
    minScore: String(p.minScore),
    suggestionCount: String(p.suggestionCount),
    requestDeadlineHours: String(p.requestDeadlineHours),
    requestReminderHours: String(p.requestReminderHours),
    openRequestLimit: String(p.openRequestLimit),
    sessionMinutes: String(p.sessionMinutes),
    sessionsPerMatch: String(p.sessionsPerMatch),
    startsOn: p.startsOn ?? "",
    endsOn: p.endsOn ?? "",
    offsets: p.reminderOffsets.map(toRow),
    scheduling: schedulingDraftOf(p),
  });
  const [saved, setSaved] = createSignal(false);
  const errors = createFormErrors();
  const weightSum = () => weightFields.reduce((s, w) => s + (Number(form.weights[w.key]) || 0), 0);

  const save = createMutation(() => ({
    mutationFn: (input: Parameters<typeof trpc.program.update.mutate>[0]) => trpc.program.update.mutate(input),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs });
    },
    onError: (err) => errors.fromServer(err),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    setSaved(false);
    errors.clear();
    const input = errors.parse(updateProgramInput, {
      programId: p.id,
      name: form.name,
      description: form.description,
      ...(props.isPlatformAdmin ? { slug: form.slug } : {}),
      ...(props.isPlatformAdmin && form.status !== "archived" ? { status: form.status } : {}),
      type: form.type,
      joinMode: form.joinMode,
      requiresApproval: form.requiresApproval,
      matchingMode: form.matchingMode,
      weights: Object.fromEntries(weightFields.map((w) => [w.key, num(form.weights[w.key])])),
      minScore: num(form.minScore),
      suggestionCount: num(form.suggestionCount),
      requestDeadlineHours: num(form.requestDeadlineHours),
      requestReminderHours: num(form.requestReminderHours),
      openRequestLimit: num(form.openRequestLimit),
      sessionMinutes: num(form.sessionMinutes),
      sessionsPerMatch: num(form.sessionsPerMatch),
      startsOn: form.startsOn || null,
      endsOn: form.endsOn || null,
      reminderOffsets: form.offsets.map((o) => ({ minutesBefore: num(o.amount) * unitMinutes[o.unit], channels: o.channels })),
      timezone: form.scheduling.timezone,
      blackoutDates: [...form.scheduling.blackoutDates],
      bookingConfirmation: form.scheduling.bookingConfirmation,
      cancelNoticeHours: num(form.scheduling.cancelNoticeHours),
      noShowThreshold: num(form.scheduling.noShowThreshold),
    });
    if (input) save.mutate(input);
  }

  const numberField = (
    key:
      | "minScore"
      | "suggestionCount"
      | "requestDeadlineHours"
      | "requestReminderHours"
      | "openRequestLimit"
      | "sessionMinutes"
      | "sessionsPerMatch",
    label: string,
    description: string,
    min: number,
    max: number,
  ) => (
    <TextField
      label={label}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      value={form[key]}
      onInput={(v) => {
        setForm(key, v);
        errors.clearField(key);
      }}
      error={errors.field(key)}
      description={description}
    />
  );

  return (
    <Card title="Program settings" description="Changes apply to new requests, suggestions and sessions from now on.">
      <form class="flex flex-col gap-6" onSubmit={submit} noValidate>
        <RequiredFieldsNote />
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>

        <Section title="About">
          <TextField label="Name" value={form.name} onInput={(v) => setForm("name", v)} error={errors.field("name")} required />
          <TextField
            label="Description"
            rows={3}
            required={false}
            value={form.description}
            onInput={(v) => setForm("description", v)}
            error={errors.field("description")}
          />
          <Show when={props.isPlatformAdmin}>
            <div class="grid gap-4 sm:grid-cols-2">
              <TextField
                label="Address (slug)"
                value={form.slug}
                onInput={(v) => setForm("slug", v)}
                error={errors.field("slug")}
                description="Lower-case letters, digits and hyphens."
              />
              <Show when={form.status !== "archived"}>
                <Select
                  label="Status"
                  value={form.status}
                  onChange={(v) => setForm("status", v as "draft" | "active")}
                  options={[
                    { value: "draft", label: "Draft: not open to join yet" },
                    { value: "active", label: "Active" },
                  ]}
                  error={errors.field("status")}
                />
              </Show>
            </div>
          </Show>
          <div class="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Starts on"
              type="date"
              required={false}
              value={form.startsOn}
              onInput={(v) => setForm("startsOn", v)}
              error={errors.field("startsOn")}
            />
            <TextField
              label="Ends on"
              type="date"
              required={false}
              value={form.endsOn}
              onInput={(v) => setForm("endsOn", v)}
              error={errors.field("endsOn")}
            />
          </div>
        </Section>

        <Section title="Enrolment">
          <div class="grid gap-4 sm:grid-cols-2">
            <Select
              label="Type"
              value={form.type}
              onChange={(v) => setForm("type", v as Program["type"])}
              options={programTypes.map((t) => ({ value: t, label: typeLabels[t] }))}
              error={errors.field("type")}
            />
            <Select
              label="How people join"
              value={form.joinMode}
              onChange={(v) => setForm("joinMode", v as Program["joinMode"])}
              options={joinModes.map((m) => ({ value: m, label: joinModeLabels[m] }))}
              error={errors.field("joinMode")}
            />
          </div>
          <Checkbox
            label="A coordinator approves each person who joins"
            checked={form.requiresApproval}
            onChange={(v) => setForm("requiresApproval", v)}
            error={errors.field("requiresApproval")}
          />
        </Section>

        <Section title="Matching">
          <Select
            label="Matching mode"
            value={form.matchingMode}
            onChange={(v) => setForm("matchingMode", v as Program["matchingMode"])}
            options={matchingModes.map((m) => ({ value: m, label: matchingModeLabels[m] }))}
            description={matchingModeDescriptions[form.matchingMode]}
            error={errors.field("matchingMode")}
          />
          <fieldset aria-describedby="weights-hint weights-sum">
            <legend class="text-sm font-medium text-slate-800">Score weights</legend>
            <p id="weights-hint" class="text-sm text-slate-500">
              Whole numbers that add up to 100.
            </p>
            <div class="mt-3 grid gap-4 sm:grid-cols-4">
              <For each={weightFields}>
                {(w) => (
                  <TextField
                    label={w.label}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={100}
                    value={form.weights[w.key]}
                    onInput={(v) => {
                      setForm("weights", w.key, v);
                      errors.clearField(`weights.${w.key}`);
                      errors.clearField("weights");
                    }}
                    error={errors.field(`weights.${w.key}`)}
                    groupErrorId={errors.field("weights") ? "weights-error" : undefined}
                  />
                )}
              </For>
            </div>
            <p
              class={`mt-2 text-sm font-medium ${weightSum() === 100 ? "text-emerald-700" : "text-amber-800"}`}
              aria-live="polite"
              id="weights-sum"
            >
              Total: {weightSum()} of 100
              {weightSum() === 100 ? "" : ` (${weightSum() > 100 ? "remove" : "add"} ${Math.abs(100 - weightSum())})`}
            </p>
            <div class="mt-1">
              <FieldError id="weights" error={errors.field("weights")} />
            </div>
          </fieldset>
          <div class="grid gap-4 sm:grid-cols-2">
            {numberField("minScore", "Minimum score", "Mentors scoring below this (0-100) are never suggested.", 0, 100)}
            {numberField("suggestionCount", "Suggestions per mentee", "How many mentors to suggest (1-10).", 1, 10)}
          </div>
        </Section>

        <Section title="Requests" description="When a mentee asks a mentor and the mentor does not answer.">
          <div class="grid gap-4 sm:grid-cols-3">
            {numberField("requestDeadlineHours", "Answer deadline (hours)", "After this the request expires (1-720).", 1, 720)}
            {numberField("requestReminderHours", "Reminder after (hours)", "Must come before the deadline.", 1, 719)}
            {numberField("openRequestLimit", "Open requests per mentee", "1-10 at a time.", 1, 10)}
          </div>
        </Section>

        <Section title="Sessions">
          <div class="grid gap-4 sm:grid-cols-2">
            {numberField("sessionMinutes", "Session length (minutes)", "15-480.", 15, 480)}
            {numberField("sessionsPerMatch", "Sessions per match", "1-100.", 1, 100)}
          </div>
        </Section>

        <Section title="Scheduling" description="How sessions are booked and cancelled in this program.">
          <SchedulingSettingsSection
            draft={form.scheduling}
            onChange={(patch: Partial<SchedulingDraft>) => {
              setForm("scheduling", patch);
              for (const key of Object.keys(patch)) errors.clearField(key);
            }}
            errors={errors}
          />
        </Section>

        <Section title="Reminders before sessions" description="When reminders go out, and through which channels.">
          <Show when={errors.field("reminderOffsets")}>
            <p class="text-sm text-red-700">{errors.field("reminderOffsets")}</p>
          </Show>
          <Index each={form.offsets}>
            {(row, i) => (
              <div class="flex flex-col gap-3 rounded-lg p-3 ring-1 ring-slate-200 sm:flex-row sm:items-start">
                <TextField
                  label={`Reminder ${i + 1}: how long before`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={row().amount}
                  onInput={(v) => setForm("offsets", i, "amount", v)}
                  error={errors.field(`reminderOffsets.${i}.minutesBefore`)}
                  class="sm:w-40"
                />
                <Select
                  label="Unit"
                  value={row().unit}
                  onChange={(v) => setForm("offsets", i, "unit", v as Unit)}
                  options={[
                    { value: "minutes", label: "minutes" },
                    { value: "hours", label: "hours" },
                    { value: "days", label: "days" },
                  ]}
                  class="sm:w-32"
                />
                <fieldset class="flex flex-1 flex-col gap-1.5">
                  <legend class="mb-1.5 text-sm font-medium text-slate-800">Channels</legend>
                  <div class="flex flex-wrap gap-x-4 gap-y-2">
                    <For each={reminderChannels}>
                      {(c) => (
                        <Checkbox
                          label={channelLabels[c]}
                          checked={row().channels.includes(c)}
                          onChange={(on) =>
                            setForm(
                              "offsets",
                              i,
                              "channels",
                              produce((list: Channel[]) => {
                                const at = list.indexOf(c);
                                if (on && at < 0) list.push(c);
                                if (!on && at >= 0) list.splice(at, 1);
                              }),
                            )
                          }
                        />
                      )}
                    </For>
                  </div>
                  <Show when={errors.field(`reminderOffsets.${i}.channels`)}>
                    <p class="text-sm text-red-700">{errors.field(`reminderOffsets.${i}.channels`)}</p>
                  </Show>
                </fieldset>
                <Button
                  size="sm"
                  variant="ghost"
                  class="self-start"
                  onClick={() => setForm("offsets", (list) => list.filter((_, at) => at !== i))}
                >
                  Remove<span class="sr-only"> reminder {i + 1}</span>
                </Button>
              </div>
            )}
          </Index>
          <Button
            size="sm"
            variant="secondary"
            class="self-start"
            disabled={form.offsets.length >= 8}
            onClick={() => setForm("offsets", (list) => [...list, { amount: "1", unit: "hours", channels: ["email"] }])}
          >
            Add a reminder
          </Button>
        </Section>

        <div class="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-5">
          <Button type="submit" loading={save.isPending}>
            Save settings
          </Button>
          <Show when={saved()}>
            <Alert tone="success">Settings saved.</Alert>
          </Show>
        </div>
      </form>
    </Card>
  );
}
