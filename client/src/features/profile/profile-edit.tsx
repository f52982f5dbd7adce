import { commonProfileInput, menteeProfileInput, mentorProfileInput } from "@shared/modules/profile/profile.schema";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, type JSX, Show } from "solid-js";
import { createStore } from "solid-js/store";
import type { z } from "zod";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { RequiredFieldsNote } from "../../components/ui/field";
import { createFormErrors, type FormErrors, focusFirstInvalid, issuesOf } from "../../lib/form";
import { trpc } from "../../lib/trpc";
import { commonDraft, menteeDraft, mentorDraft, toCommonInput, toMenteeInput, toMentorInput } from "./drafts";
import { PhoneVerification } from "./phone-verification";
import { PhotoField } from "./photo-field";
import { CommonFields, MenteeFields, MentorFields } from "./profile-fields";
import { invalidateProfile, type Profile } from "./queries";

/** One editable section: validates with the shared schema, saves, and shows the server's field errors. */
function SectionForm<S extends z.ZodType>(props: {
  title: string;
  description?: string;
  schema: S;
  value: () => unknown;
  save: (input: z.output<S>) => Promise<unknown>;
  submitLabel: string;
  errors: FormErrors;
  children: JSX.Element;
}) {
  const [saved, setSaved] = createSignal(false);
  // The section's fields check themselves as people type, with the same schema the save uses.
  props.errors.live(() => issuesOf(props.schema, props.value()));
  let form: HTMLFormElement | undefined;
  const mutation = createMutation(() => ({
    mutationFn: (input: z.output<S>) => props.save(input),
    onSuccess: () => {
      setSaved(true);
      void invalidateProfile();
    },
    onError: (err) => props.errors.fromServer(err),
  }));
  function submit(e: SubmitEvent) {
    e.preventDefault();
    setSaved(false);
    const input = props.errors.parse(props.schema, props.value());
    if (input !== undefined) mutation.mutate(input);
    else focusFirstInvalid(form);
  }
  return (
    <Card title={props.title} description={props.description}>
      <form ref={form} class="flex flex-col gap-5" onSubmit={submit} noValidate>
        <RequiredFieldsNote />
        <Show when={props.errors.summary()}>
          <Alert tone="error">{props.errors.summary()}</Alert>
        </Show>
        {props.children}
        <div class="flex flex-wrap items-center gap-3">
          <Button type="submit" loading={mutation.isPending}>
            {props.submitLabel}
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

/** The edit forms of my profile page: photo, common details, mentor and mentee sections. */
export function ProfileEditForms(props: { profile: Profile }) {
  const [common, setCommon] = createStore(commonDraft(props.profile));
  const [mentor, setMentor] = createStore(mentorDraft(props.profile));
  const [mentee, setMentee] = createStore(menteeDraft(props.profile));
  const commonErrors = createFormErrors();
  const mentorErrors = createFormErrors();
  const menteeErrors = createFormErrors();

  return (
    <div class="flex flex-col gap-6">
      <Card title="Profile photo">
        <PhotoField name={props.profile.name} photoUrl={props.profile.photoUrl} />
      </Card>
      <SectionForm
        title="About you"
        schema={commonProfileInput}
        value={() => toCommonInput(common)}
        save={(input) => trpc.profile.updateCommon.mutate(input)}
        submitLabel="Save about you"
        errors={commonErrors}
      >
        <CommonFields draft={common} set={setCommon} errors={commonErrors} prefix="" />
      </SectionForm>
      <PhoneVerification profile={props.profile} />
      <SectionForm
        title="Mentor details"
        description={props.profile.mentor ? undefined : "You have no mentor profile yet. Fill this in to offer mentoring."}
        schema={mentorProfileInput}
        value={() => toMentorInput(mentor)}
        save={(input) => trpc.profile.updateMentor.mutate(input)}
        submitLabel="Save mentor details"
        errors={mentorErrors}
      >
        <MentorFields draft={mentor} set={setMentor} errors={mentorErrors} prefix="" />
      </SectionForm>
      <SectionForm
        title="Mentee details"
        description={props.profile.mentee ? undefined : "You have no mentee profile yet. Fill this in to look for a mentor."}
        schema={menteeProfileInput}
        value={() => toMenteeInput(mentee)}
        save={(input) => trpc.profile.updateMentee.mutate(input)}
        submitLabel="Save mentee details"
        errors={menteeErrors}
      >
        <MenteeFields draft={mentee} set={setMentee} errors={menteeErrors} prefix="" />
      </SectionForm>
    </div>
  );
}
