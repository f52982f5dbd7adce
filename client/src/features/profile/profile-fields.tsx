import { menteeLevels, mentoringStyles } from "@shared/modules/profile/profile.schema";
import { For, Index, Show } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { Button } from "../../components/ui/button";
import { Checkbox } from "../../components/ui/checkbox";
import { FieldError } from "../../components/ui/field";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import type { FormErrors } from "../../lib/form";
import {
  type CommonDraft,
  levelLabels,
  type MenteeDraft,
  type MentorDraft,
  newGoal,
  type Priority,
  priorityLabels,
  styleLabels,
} from "./drafts";
import { timezoneOptions } from "./timezones";

/** Error paths are the schema's, under `prefix` ("common." in the wizard, "" on the profile page). */
type FieldsProps<T extends object> = { draft: T; set: SetStoreFunction<T>; errors: FormErrors; prefix: string };

export function CommonFields(props: FieldsProps<CommonDraft>) {
  const err = (k: string) => props.errors.under(props.prefix + k);
  const left = (k: string) => () => props.errors.touch(props.prefix + k);
  return (
    <div class="grid gap-5 sm:grid-cols-2">
      <TextField
        class="sm:col-span-2"
        label="Full name"
        name="name"
        autocomplete="name"
        value={props.draft.name}
        onInput={(v) => props.set("name", v)}
        error={err("name")}
        onBlur={left("name")}
        required
      />
      <TextField
        class="sm:col-span-2"
        label="Bio"
        name="bio"
        rows={4}
        value={props.draft.bio}
        onInput={(v) => props.set("bio", v)}
        error={err("bio")}
        onBlur={left("bio")}
        description="A few sentences about you, your work and what you hope to get from mentoring."
        maxLength={2000}
      />
      <Select
        label="Time zone"
        name="timezone"
        value={props.draft.timezone}
        onChange={(v) => props.set("timezone", v)}
        options={timezoneOptions(props.draft.timezone)}
        error={err("timezone")}
        onBlur={left("timezone")}
        description="Used to suggest meeting times."
      />
      <TextField
        label="Phone"
        name="phone"
        type="tel"
        autocomplete="tel"
        inputMode="tel"
        value={props.draft.phone}
        onInput={(v) => props.set("phone", v)}
        error={err("phone")}
        onBlur={left("phone")}
        description="International format, for example +14155550123. Only used for reminders you turn on."
        required={false}
      />
      <TextField
        class="sm:col-span-2"
        label="Languages"
        name="languages"
        value={props.draft.languages}
        onInput={(v) => props.set("languages", v)}
        error={err("languages")}
        onBlur={left("languages")}
        description="Separate languages with commas, for example: English, Spanish."
        required={false}
      />
    </div>
  );
}

export function MentorFields(props: FieldsProps<MentorDraft>) {
  const err = (k: string) => props.errors.under(props.prefix + k);
  const left = (k: string) => () => props.errors.touch(props.prefix + k);
  const toggleStyle = (style: (typeof mentoringStyles)[number], on: boolean) =>
    props.set("mentoringStyles", (list) => (on ? [...new Set([...list, style])] : list.filter((s) => s !== style)));
  return (
    <div class="grid gap-5 sm:grid-cols-2">
      <TextField
        class="sm:col-span-2"
        label="Headline"
        name="headline"
        value={props.draft.headline}
        onInput={(v) => props.set("headline", v)}
        error={err("headline")}
        onBlur={left("headline")}
        description="One line mentees see first, for example: Staff engineer helping people grow into tech leads."
        maxLength={140}
        required
      />
      <TextField
        class="sm:col-span-2"
        label="Expertise"
        name="expertise"
        value={props.draft.expertise}
        onInput={(v) => props.set("expertise", v)}
        error={err("expertise")}
        onBlur={left("expertise")}
        description="Separate areas with commas, for example: TypeScript, system design, public speaking."
        required
      />
      <TextField
        label="Years of experience"
        name="yearsExperience"
        type="number"
        inputMode="numeric"
        min={0}
        max={70}
        value={props.draft.yearsExperience}
        onInput={(v) => props.set("yearsExperience", v)}
        error={err("yearsExperience")}
        onBlur={left("yearsExperience")}
        required
      />
      <TextField
        label="Default capacity"
        name="defaultCapacity"
        type="number"
        inputMode="numeric"
        min={1}
        max={20}
        value={props.draft.defaultCapacity}
        onInput={(v) => props.set("defaultCapacity", v)}
        error={err("defaultCapacity")}
        onBlur={left("defaultCapacity")}
        description="How many mentees you can take at the same time."
        required
      />
      <fieldset class="sm:col-span-2" aria-describedby={err("mentoringStyles") ? "styles-error" : undefined}>
        <legend class="text-sm font-medium text-slate-800">Mentoring styles</legend>
        <p class="mt-1 text-sm text-slate-500">Choose the kinds of help you enjoy giving.</p>
        <div class="mt-3 grid grid-cols-1 gap-3 min-[400px]:grid-cols-2 sm:grid-cols-3">
          <For each={mentoringStyles}>
            {(style) => (
              <Checkbox
                label={styleLabels[style]}
                name="mentoringStyles"
                value={style}
                checked={props.draft.mentoringStyles.includes(style)}
                onChange={(on) => toggleStyle(style, on)}
              />
            )}
          </For>
        </div>
        <FieldError id="styles" error={err("mentoringStyles")} />
      </fieldset>
    </div>
  );
}

export function MenteeFields(props: FieldsProps<MenteeDraft>) {
  const err = (k: string) => props.errors.under(props.prefix + k);
  const left = (k: string) => () => props.errors.touch(props.prefix + k);
  const goalsError = () => props.errors.field(`${props.prefix}goals`);
  return (
    <div class="grid gap-5 sm:grid-cols-2">
      <TextField
        class="sm:col-span-2"
        label="Background"
        name="background"
        rows={3}
        value={props.draft.background}
        onInput={(v) => props.set("background", v)}
        error={err("background")}
        onBlur={left("background")}
        description="Where you are now: studies, current role, what you have tried so far."
        maxLength={2000}
      />
      <TextField
        label="Interests"
        name="interests"
        value={props.draft.interests}
        onInput={(v) => props.set("interests", v)}
        error={err("interests")}
        onBlur={left("interests")}
        description="Separate topics with commas."
      />
      <Select
        label="Level"
        name="level"
        value={props.draft.level}
        onChange={(v) => props.set("level", v as MenteeDraft["level"])}
        options={menteeLevels.map((l) => ({ value: l, label: levelLabels[l] }))}
        placeholder="Choose your level"
        error={err("level")}
        onBlur={left("level")}
        required
      />
      <fieldset class="flex flex-col gap-3 sm:col-span-2">
        <legend class="text-sm font-medium text-slate-800">Goals</legend>
        <p class="text-sm text-slate-500">What do you want to achieve with your mentor? Add up to 10 goals.</p>
        <FieldError id="goals" error={goalsError()} />
        <Index each={props.draft.goals}>
          {(goal, i) => {
            const gErr = (k: string) => props.errors.under(`${props.prefix}goals.${i}.${k}`);
            return (
              <fieldset class="grid gap-4 rounded-lg border border-slate-200 bg-slate-50/60 p-4 sm:grid-cols-6">
                <legend class="px-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Goal {i + 1}</legend>
                <TextField
                  class="sm:col-span-6"
                  label="Goal"
                  value={goal().text}
                  onInput={(v) => props.set("goals", i, "text", v)}
                  error={gErr("text")}
                  onBlur={() => props.errors.touch(`${props.prefix}goals.${i}.text`)}
                  maxLength={300}
                  required
                />
                <Select
                  class="sm:col-span-2"
                  label="Priority"
                  value={goal().priority}
                  onChange={(v) => props.set("goals", i, "priority", v as Priority)}
                  options={(["low", "medium", "high"] as const).map((p) => ({ value: p, label: priorityLabels[p] }))}
                  error={gErr("priority")}
                  onBlur={() => props.errors.touch(`${props.prefix}goals.${i}.priority`)}
                />
                <TextField
                  class="sm:col-span-3"
                  label="Target date"
                  type="date"
                  value={goal().targetDate}
                  onInput={(v) => props.set("goals", i, "targetDate", v)}
                  error={gErr("targetDate")}
                  onBlur={() => props.errors.touch(`${props.prefix}goals.${i}.targetDate`)}
                  required={false}
                />
                <div class="flex items-end sm:col-span-1">
                  <Button
                    variant="ghost"
                    size="sm"
                    class="text-red-700 hover:bg-red-50"
                    aria-label={`Remove goal ${i + 1}`}
                    onClick={() => props.set("goals", (goals) => goals.filter((_, j) => j !== i))}
                  >
                    Remove
                  </Button>
                </div>
              </fieldset>
            );
          }}
        </Index>
        <Show when={props.draft.goals.length < 10}>
          <div>
            <Button variant="secondary" size="sm" onClick={() => props.set("goals", (goals) => [...goals, newGoal()])}>
              <span aria-hidden="true">+</span> Add goal
            </Button>
          </div>
        </Show>
      </fieldset>
    </div>
  );
}
