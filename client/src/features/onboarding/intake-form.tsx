import {
  type AvailabilityWindow,
  CAPACITY_MAX,
  communicationModes,
  saveIntakeInput,
  urgencies,
} from "@shared/modules/onboarding/onboarding.schema";
import { createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch, untrack } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Checkbox } from "../../components/ui/checkbox";
import { FieldError } from "../../components/ui/field";
import { Select } from "../../components/ui/select";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessage } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { formatDateTime } from "../../lib/format";
import { plural } from "../../lib/plural";
import { trpc } from "../../lib/trpc";
import { AvailabilityEditor } from "./availability-editor";
import { communicationLabels, type Intake, invalidateOnboarding, onboardingQueries, urgencyLabels } from "./queries";
import { TagInput } from "./tag-input";

type Mode = (typeof communicationModes)[number];

/** The per-program intake for one of the viewer's roles: what they want (mentee) or offer (mentor). */
export function IntakeForm(props: { programId: string; memberRole: "mentor" | "mentee" }) {
  const intake = createQuery(() => onboardingQueries.intake(props.programId, props.memberRole));
  return (
    <Card
      title={props.memberRole === "mentor" ? "Your mentoring in this program" : "What you are looking for"}
      description={
        props.memberRole === "mentor"
          ? "Topics, capacity and times feed the matching score."
          : "Your answers decide which mentors are suggested to you."
      }
    >
      <Switch>
        <Match when={intake.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={intake.isError && !intake.data}>
          <RetryAlert message={errorMessage(intake.error)} onRetry={() => void intake.refetch()} />
        </Match>
        <Match when={intake.data}>
          {(data) => <IntakeFields programId={props.programId} memberRole={props.memberRole} initial={data()} />}
        </Match>
      </Switch>
    </Card>
  );
}

function IntakeFields(props: { programId: string; memberRole: "mentor" | "mentee"; initial: Intake }) {
  const errors = createFormErrors();
  // Read once: a refetch (after a save, or a live signal) must not wipe what the person is typing.
  const first = untrack(() => props.initial);
  const [skills, setSkills] = createSignal<string[]>([...first.skills]);
  const [goals, setGoals] = createSignal(first.goals);
  const [style, setStyle] = createSignal(first.preferredStyle);
  const [windows, setWindows] = createSignal<AvailabilityWindow[]>(first.availability.map((w) => ({ ...w })));
  const [modes, setModes] = createSignal<Mode[]>([...first.communication]);
  const [urgency, setUrgency] = createSignal<(typeof urgencies)[number]>(first.urgency);
  const [capacity, setCapacity] = createSignal(first.capacity === null ? "" : String(first.capacity));
  const [busy, setBusy] = createSignal(false);
  const [savedAt, setSavedAt] = createSignal<Date | null>(null);

  const isMentor = () => props.memberRole === "mentor";

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    setSavedAt(null);
    const cap = capacity().trim();
    const input = errors.parse(saveIntakeInput, {
      programId: props.programId,
      role: props.memberRole,
      skills: skills(),
      goals: goals(),
      preferredStyle: style(),
      availability: windows(),
      communication: modes(),
      urgency: urgency(),
      capacity: isMentor() ? (cap === "" ? null : Number(cap)) : null,
    });
    if (!input) return;
    setBusy(true);
    try {
      await trpc.onboarding.saveIntake.mutate(input);
      setSavedAt(new Date());
      await invalidateOnboarding();
    } catch (err) {
      errors.fromServer(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="flex flex-col gap-5" onSubmit={(e) => void submit(e)} noValidate>
      <Show when={!props.initial.saved}>
        <Alert tone="info">Not saved yet. We started from your profile; check the answers and save.</Alert>
      </Show>
      <TagInput
        label={isMentor() ? "Topics you mentor on" : "Skills you want to build"}
        values={skills()}
        onChange={(v) => {
          setSkills(v);
          errors.clearField("skills");
        }}
        description="Up to 32. For example: TypeScript, public speaking, career change."
        error={errors.under("skills")}
      />
      <Show when={isMentor()}>
        <div class="max-w-xs">
          <TextField
            label="Mentees you can take in this program"
            type="number"
            inputMode="numeric"
            min={Math.max(1, props.initial.liveMatches)}
            max={CAPACITY_MAX}
            value={capacity()}
            onInput={setCapacity}
            error={errors.field("capacity")}
            description={
              props.initial.liveMatches > 0
                ? `You mentor ${plural(props.initial.liveMatches, "person", "people")} here now.`
                : `Between 1 and ${CAPACITY_MAX}.`
            }
          />
        </div>
      </Show>
      <Show when={!isMentor()}>
        <TextField
          label="Your goals"
          rows={3}
          value={goals()}
          onInput={setGoals}
          error={errors.field("goals")}
          maxLength={2000}
          required={false}
        />
      </Show>
      <TextField
        label={isMentor() ? "How you like to mentor" : "Preferred mentoring style"}
        value={style()}
        onInput={setStyle}
        error={errors.field("preferredStyle")}
        maxLength={500}
        required={false}
        placeholder={isMentor() ? "Hands-on code reviews, career conversations…" : "Structured, hands-on, a sounding board…"}
      />
      <AvailabilityEditor windows={windows()} onChange={setWindows} errors={errors} />
      <fieldset class="flex flex-col gap-2">
        <legend class="text-sm font-medium text-slate-800">Ways to meet</legend>
        <div class="flex flex-wrap gap-x-6 gap-y-2">
          <For each={communicationModes}>
            {(m) => (
              <Checkbox
                label={communicationLabels[m]}
                checked={modes().includes(m)}
                onChange={(on) => setModes(on ? [...modes(), m] : modes().filter((x) => x !== m))}
              />
            )}
          </For>
        </div>
        <FieldError id="communication" error={errors.under("communication")} />
      </fieldset>
      <Show when={!isMentor()}>
        <div class="max-w-xs">
          <Select
            label="How soon do you need a mentor?"
            value={urgency()}
            onChange={(v) => setUrgency(v as (typeof urgencies)[number])}
            options={urgencies.map((u) => ({ value: u, label: urgencyLabels[u] }))}
            error={errors.field("urgency")}
          />
        </div>
      </Show>
      <Show when={errors.summary()}>
        <Alert tone="error">{errors.summary()}</Alert>
      </Show>
      <div class="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={busy()}>
          Save answers
        </Button>
        <Show when={savedAt()}>
          <p role="status" class="text-sm font-medium text-emerald-700">
            Saved.
          </p>
        </Show>
        <Show when={!savedAt() && props.initial.updatedAt}>
          {(at) => <p class="text-sm text-slate-500">Last saved {formatDateTime(at())}</p>}
        </Show>
      </div>
    </form>
  );
}
