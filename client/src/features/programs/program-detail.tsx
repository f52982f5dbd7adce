import { A } from "@solidjs/router";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { addMemberInput, membershipRoles } from "../../../../server/modules/program/program.schema";
import { Alert } from "../../components/ui/alert";
import { Avatar } from "../../components/ui/avatar";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Select } from "../../components/ui/select";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessage } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { type Program, programQueries, roleLabels } from "./queries";

type Role = (typeof membershipRoles)[number];

export function ProgramSummary(props: { program: Program }) {
  const p = () => props.program;
  return (
    <Card>
      <Show when={p().description}>
        <p class="text-sm leading-6 whitespace-pre-line text-slate-700">{p().description}</p>
      </Show>
      <dl class="mt-4 grid grid-cols-3 gap-3 text-center">
        <div class="rounded-lg bg-slate-50 px-2 py-3 ring-1 ring-slate-100">
          <dt class="text-xs text-slate-500">Mentors</dt>
          <dd class="text-xl font-semibold text-slate-900">{p().counts.mentors}</dd>
        </div>
        <div class="rounded-lg bg-slate-50 px-2 py-3 ring-1 ring-slate-100">
          <dt class="text-xs text-slate-500">Mentees</dt>
          <dd class="text-xl font-semibold text-slate-900">{p().counts.mentees}</dd>
        </div>
        <div class="rounded-lg bg-slate-50 px-2 py-3 ring-1 ring-slate-100">
          <dt class="text-xs text-slate-500">Coordinators</dt>
          <dd class="text-xl font-semibold text-slate-900">{p().counts.coordinators}</dd>
        </div>
      </dl>
    </Card>
  );
}

/** The roster, for the program's coordinators and platform admins. */
export function MemberList(props: { programId: string }) {
  const members = createQuery(() => programQueries.members(props.programId));
  return (
    <Card title="Members" description={members.data ? `${members.data.length} people` : undefined} padded={false}>
      <Switch>
        <Match when={members.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={members.isError}>
          <p class="px-5 py-4 text-sm text-red-700">{errorMessage(members.error)}</p>
        </Match>
        <Match when={(members.data?.length ?? 0) === 0}>
          <p class="px-5 py-6 text-sm text-slate-600">No members yet.</p>
        </Match>
        <Match when={true}>
          <ul class="divide-y divide-slate-100">
            <For each={members.data}>
              {(m) => (
                <li class="flex items-center gap-3 px-5 py-3">
                  <Avatar name={m.name} src={m.photoUrl} size="sm" />
                  <A
                    href={`/people/${m.userId}`}
                    class="min-w-0 flex-1 truncate font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                  >
                    {m.name}
                  </A>
                  <Badge tone="indigo">{roleLabels[m.role]}</Badge>
                  <Show when={m.status !== "active"}>
                    <Badge tone="amber">{m.status === "pending" ? "Pending" : "Removed"}</Badge>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Match>
      </Switch>
    </Card>
  );
}

export function AddMemberForm(props: { programId: string }) {
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
    <Card title="Add a member" description="The person needs an account already. They get a notification.">
      <form class="flex flex-col gap-4" onSubmit={submit} noValidate>
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
          options={membershipRoles.map((r) => ({ value: r, label: roleLabels[r] }))}
          error={errors.field("role")}
        />
        <Button type="submit" loading={add.isPending} class="self-start">
          Add member
        </Button>
      </form>
    </Card>
  );
}
