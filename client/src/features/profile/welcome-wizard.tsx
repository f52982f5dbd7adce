import { commonProfileInput, menteeProfileInput, mentorProfileInput } from "@shared/modules/profile/profile.schema";
import { createMutation } from "@tanstack/solid-query";
import { createEffect, createMemo, createSignal, For, Match, on, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Checkbox } from "../../components/ui/checkbox";
import { RequiredFieldsNote, RequiredLegendText } from "../../components/ui/field";
import type { FieldErrors } from "../../lib/errors";
import { createFormErrors, focusFirstInvalid, issuesOf } from "../../lib/form";
import type { Me } from "../../lib/session";
import { trpc } from "../../lib/trpc";
import {
  commonDraft,
  type MenteeDraft,
  type MentorDraft,
  menteeDraft,
  mentorDraft,
  toCommonInput,
  toMenteeInput,
  toMentorInput,
} from "./drafts";
import { PhotoField } from "./photo-field";
import { CommonFields, MenteeFields, MentorFields } from "./profile-fields";
import { invalidateProfile, type Profile } from "./queries";

type Step = "about" | "role" | "mentor" | "mentee";
const stepTitles: Record<Step, string> = { about: "About you", role: "Your role", mentor: "Mentor details", mentee: "Mentee details" };

/** Which step shows an error path from the server. */
function stepOf(path: string): Step {
  if (path.startsWith("common.") || path === "common") return "about";
  if (path.startsWith("mentor.")) return "mentor";
  if (path.startsWith("mentee.")) return "mentee";
  return "role";
}

/** The first-sign-in wizard: everything is saved at once by profile.completeWizard. */
export function WelcomeWizard(props: { me: Me; profile: Profile | undefined; onDone: () => void }) {
  const enrolledMentor = props.me.roles.includes("mentor");
  const enrolledMentee = props.me.roles.includes("mentee");
  const [common, setCommon] = createStore(commonDraft(props.profile, props.me.name));
  const [mentor, setMentor] = createStore<MentorDraft>(mentorDraft(props.profile));
  const [mentee, setMentee] = createStore<MenteeDraft>(menteeDraft(props.profile));
  const [wantsMentor, setWantsMentor] = createSignal(enrolledMentor || !!props.profile?.mentor);
  const [wantsMentee, setWantsMentee] = createSignal(enrolledMentee || !!props.profile?.mentee);
  const [photoUrl, setPhotoUrl] = createSignal(props.profile?.photoUrl ?? props.me.photoUrl);
  const errors = createFormErrors();

  const steps = createMemo<Step[]>(() => [
    "about",
    "role",
    ...(wantsMentor() ? (["mentor"] as const) : []),
    ...(wantsMentee() ? (["mentee"] as const) : []),
  ]);
  const [index, setIndex] = createSignal(0);
  const step = () => steps()[Math.min(index(), steps().length - 1)] ?? "about";
  // The role step is never the last: whichever role is chosen brings its own details step.
  const isLast = () => index() >= steps().length - 1 && step() !== "role";

  let heading: HTMLHeadingElement | undefined;
  // Move focus to the new step's heading so keyboard and screen-reader users start at the top of it.
  createEffect(on(step, () => heading?.focus(), { defer: true }));

  /** The errors one step's values have now: the shared schemas of profile.completeWizard, step by step. */
  function stepErrors(s: Step): FieldErrors {
    switch (s) {
      case "about":
        return issuesOf(commonProfileInput, toCommonInput(common), "common.");
      case "role":
        if (!wantsMentor() && !wantsMentee()) return { role: ["Choose whether you want to mentor, be mentored, or both."] };
        if (enrolledMentor && !wantsMentor()) return { mentor: ["Your programs need your mentor details."] };
        if (enrolledMentee && !wantsMentee()) return { mentee: ["Your programs need your mentee details."] };
        return {};
      case "mentor":
        return issuesOf(mentorProfileInput, toMentorInput(mentor), "mentor.");
      case "mentee":
        return issuesOf(menteeProfileInput, toMenteeInput(mentee), "mentee.");
    }
  }
  // Errors follow the values as people type, once a field was left or Next was pressed on this step.
  errors.live(() => stepErrors(step()), { shown: (p) => stepOf(p) === step() });

  let form: HTMLFormElement | undefined;
  /** After a refused Next: focus the first invalid field, or the role choice (its checkboxes carry no error). */
  function focusProblem() {
    if (!focusFirstInvalid(form)) form?.querySelector<HTMLElement>("fieldset input")?.focus();
  }

  const finish = createMutation(() => ({
    // Every step was validated just before, so parsing cannot fail here; it yields the schemas' typed output.
    mutationFn: () =>
      trpc.profile.completeWizard.mutate({
        common: commonProfileInput.parse(toCommonInput(common)),
        mentor: wantsMentor() ? mentorProfileInput.parse(toMentorInput(mentor)) : null,
        mentee: wantsMentee() ? menteeProfileInput.parse(toMenteeInput(mentee)) : null,
      }),
    onSuccess: async () => {
      // The route guards read `onboarded` from the session query: wait for the fresh value before leaving.
      await invalidateProfile();
      props.onDone();
    },
    onError: (err) => {
      errors.fromServer(err, (p) => stepOf(p) !== "role" || ["role", "mentor", "mentee"].includes(p));
      // Show the first step that holds an error.
      const bad = Object.keys(errors.fields()).map(stepOf);
      const target = steps().findIndex((s) => bad.includes(s));
      if (target >= 0) setIndex(target);
      focusFirstInvalid(form);
    },
  }));

  function next(e: SubmitEvent) {
    e.preventDefault();
    if (!errors.showAll()) {
      focusProblem();
      return;
    }
    if (!isLast()) {
      errors.clear();
      setIndex(index() + 1);
      return;
    }
    // Validate every step once more before sending, and jump to the first one that fails.
    const bad = steps().findIndex((s) => Object.keys(stepErrors(s)).length > 0);
    if (bad >= 0) {
      errors.clear();
      setIndex(bad);
      errors.showAll();
      focusProblem();
      return;
    }
    finish.mutate();
  }

  function back() {
    errors.clear();
    setIndex(Math.max(0, index() - 1));
  }

  const roleError = () => errors.field("role") ?? errors.field("mentor") ?? errors.field("mentee");

  return (
    <div class="flex flex-col gap-6">
      <nav aria-label="Progress">
        <ol class="flex flex-wrap gap-x-2 gap-y-2 text-sm">
          <For each={steps()}>
            {(s, i) => (
              <li
                aria-current={s === step() ? "step" : undefined}
                class={`flex items-center gap-2 rounded-full px-3 py-1 ${
                  s === step()
                    ? "bg-indigo-600 font-medium text-white"
                    : i() < index()
                      ? "bg-indigo-50 text-indigo-800"
                      : "bg-slate-100 text-slate-600"
                }`}
              >
                <span aria-hidden="true" class="text-xs opacity-80">
                  {i() + 1}
                </span>
                <span>
                  <span class="sr-only">Step {i() + 1}: </span>
                  {stepTitles[s]}
                </span>
                <Show when={i() < index()}>
                  <span class="sr-only"> (done)</span>
                </Show>
              </li>
            )}
          </For>
          <Show when={!wantsMentor() && !wantsMentee()}>
            <li class="flex items-center gap-2 rounded-full bg-slate-100 px-3 py-1 text-slate-600">
              <span aria-hidden="true" class="text-xs opacity-80">
                {steps().length + 1}
              </span>
              <span>
                <span class="sr-only">Step {steps().length + 1}: </span>
                Your details
              </span>
            </li>
          </Show>
        </ol>
      </nav>

      <form ref={form} class="flex flex-col gap-6" onSubmit={next} noValidate>
        <div>
          <h2 ref={heading} tabIndex={-1} class="text-lg font-semibold text-slate-900 focus:outline-none">
            {stepTitles[step()]}
          </h2>
          <p class="mt-1 text-sm text-slate-600">
            Step {index() + 1} of {steps().length + (wantsMentor() || wantsMentee() ? 0 : 1)}
          </p>
          <RequiredFieldsNote class="mt-1" />
        </div>

        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>

        <Switch>
          <Match when={step() === "about"}>
            <div class="flex flex-col gap-6">
              <PhotoField name={common.name || props.me.name} photoUrl={photoUrl()} onUploaded={setPhotoUrl} />
              <CommonFields draft={common} set={setCommon} errors={errors} prefix="common." />
            </div>
          </Match>
          <Match when={step() === "role"}>
            <fieldset class="flex flex-col gap-4" aria-describedby={roleError() ? "role-error" : undefined}>
              <legend class="mb-2 text-sm text-slate-700">
                How do you want to take part? You can choose both. <RequiredLegendText />
              </legend>
              <Checkbox
                label="I want to mentor"
                checked={wantsMentor()}
                onChange={setWantsMentor}
                description={
                  enrolledMentor
                    ? "Your program enrolled you as a mentor, so we need your mentor details."
                    : "Share your experience with others."
                }
              />
              <Checkbox
                label="I want to be mentored"
                checked={wantsMentee()}
                onChange={setWantsMentee}
                description={
                  enrolledMentee
                    ? "Your program enrolled you as a mentee, so we need your mentee details."
                    : "Get guidance towards your goals."
                }
              />
              <Show when={roleError()}>
                <p id="role-error" class="text-sm font-medium text-red-700">
                  {roleError()}
                </p>
              </Show>
            </fieldset>
          </Match>
          <Match when={step() === "mentor"}>
            <MentorFields draft={mentor} set={setMentor} errors={errors} prefix="mentor." />
          </Match>
          <Match when={step() === "mentee"}>
            <MenteeFields draft={mentee} set={setMentee} errors={errors} prefix="mentee." />
          </Match>
        </Switch>

        <div class="flex flex-col-reverse gap-3 border-t border-slate-100 pt-5 sm:flex-row sm:justify-between">
          <Show when={index() > 0} fallback={<span />}>
            <Button variant="secondary" onClick={back} disabled={finish.isPending}>
              Back
            </Button>
          </Show>
          <Button type="submit" loading={finish.isPending}>
            {isLast() ? "Finish" : "Next"}
          </Button>
        </div>
      </form>
    </div>
  );
}
