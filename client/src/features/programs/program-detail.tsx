import { addMemberInput, membershipRoles } from "@shared/modules/program/program.schema";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { RequiredFieldsNote } from "../../components/ui/field";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { formatCalendarDate } from "../../lib/format";
import { plural } from "../../lib/plural";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { joinModeLabels, matchingModeDescriptions, matchingModeLabels, type Program, roleLabels, typeLabels } from "./queries";

type Role = (typeof membershipRoles)[number];

function Stat(props: { label: string; value: number }) {
  return (
    <div class="rounded-lg bg-slate-50 px-2 py-3 ring-1 ring-slate-100">
      <dt class="text-xs text-slate-500">{props.label}</dt>
      <dd class="text-xl font-semibold text-slate-900">{props.value}</dd>
    </div>
  );
}

function dateRange(p: Program): string {
  if (p.startsOn && p.endsOn) return `${formatCalendarDate(p.startsOn)} to ${formatCalendarDate(p.endsOn)}`;
  if (p.startsOn) return `From ${formatCalendarDate(p.startsOn)}`;
  if (p.endsOn) return `Until ${formatCalendarDate(p.endsOn)}`;
  return "No fixed dates";
}

/** What the program is, in plain words: counts, dates, how matching and enrolment work. */
export function ProgramSummary(props: { program: Program; isStaff: boolean }) {
  const p = () => props.program;
  return (
    <Card>
      <Show when={p().status === "archived"}>
        <Alert tone="warning" class="mb-4">
          This program is archived. It no longer takes new members.
        </Alert>
      </Show>
      <Show when={p().description}>
        <p class="text-sm leading-6 whitespace-pre-line text-slate-700">{p().description}</p>
      </Show>
      <dl class={`mt-4 grid gap-3 text-center ${props.isStaff ? "grid-cols-2 sm:grid-cols-4" : "grid-cols-3"}`}>
        <Stat label="Mentors" value={p().counts.mentors} />
        <Stat label="Mentees" value={p().counts.mentees} />
        <Stat label="Coordinators" value={p().counts.coordinators} />
        <Show when={props.isStaff}>
          <Stat label="Waiting for approval" value={p().counts.pending} />
        </Show>
      </dl>
      <dl class="mt-5 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div>
          <dt class="text-slate-500">Dates</dt>
          <dd class="font-medium text-slate-900">{dateRange(p())}</dd>
        </div>
        <div>
          <dt class="text-slate-500">Format</dt>
          <dd class="font-medium text-slate-900">
            {typeLabels[p().type]}, {plural(p().sessionsPerMatch, "session")} of {p().sessionMinutes} minutes per match
          </dd>
        </div>
        <div class="sm:col-span-2">
          <dt class="text-slate-500">Matching</dt>
          <dd class="font-medium text-slate-900">{matchingModeLabels[p().matchingMode]}</dd>
          <dd class="text-slate-600">{matchingModeDescriptions[p().matchingMode]}</dd>
        </div>
        <div class="sm:col-span-2">
          <dt class="text-slate-500">Joining</dt>
          <dd class="font-medium text-slate-900">
            {joinModeLabels[p().joinMode]}
            {p().requiresApproval ? ", with a coordinator's approval" : ""}
          </dd>
        </div>
      </dl>
    </Card>
  );
}

export function AddMemberForm(props: { programId: string; canAppointCoordinators: boolean }) {
  const [email, setEmail] = createSignal("");
  const [role, setRole] = createSignal<Role>("mentee");
  const [added, setAdded] = createSignal<string | null>(null);
  const errors = createFormErrors();
  const shown = (p: string) => p === "email" || p === "role";
  const add = createMutation(() => ({
    mutationFn: (input: { programId: string; email: string; role: Role }) => trpc.program.addMember.mutate(input),
    onSuccess: (_r, input) => {
      setAdded(`${input.email} was added as ${roleLabels[input.role].toLowerCase()}.`);
      setEmail("");
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs });
    },
    onError: (err) => errors.fromServer(err, shown),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    setAdded(null);
    errors.clear();
    const input = errors.parse(addMemberInput, { programId: props.programId, email: email(), role: role() }, { shown });
    if (input) add.mutate(input);
  }

  return (
    <Card
      title="Add a member"
      description={
        props.canAppointCoordinators
          ? "Add a mentor or mentee, or appoint a coordinator. The person needs an account already and gets a notification."
          : "The person needs an account already. They get a notification."
      }
    >
      <form class="flex flex-col gap-4" onSubmit={submit} noValidate>
        <RequiredFieldsNote />
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <Show when={added()}>
          <Alert tone="success">{added()}</Alert>
        </Show>
        <TextField
          label="Email"
          type="email"
          inputMode="email"
          autocomplete="off"
          value={email()}
          onInput={setEmail}
          error={errors.field("email")}
          required
        />
        <Select
          label="Role"
          value={role()}
          onChange={(v) => setRole(v as Role)}
          options={membershipRoles
            .filter((r) => r !== "coordinator" || props.canAppointCoordinators)
            .map((r) => ({ value: r, label: roleLabels[r] }))}
          error={errors.field("role")}
        />
        <Button type="submit" loading={add.isPending} class="self-start">
          Add member
        </Button>
      </form>
    </Card>
  );
}
