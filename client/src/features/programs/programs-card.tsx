import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { For, Match, Show, Switch } from "solid-js";
import { Badge } from "../../components/ui/badge";
import { buttonClass } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessage } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { DemoInviteHint } from "./demo-invite-hint";
import { type ProgramListItem, programQueries, roleLabels, statusLabels } from "./queries";

function Counts(props: { program: ProgramListItem }) {
  return (
    <p class="text-xs text-slate-500">
      {plural(props.program.counts.mentors, "mentor")} · {plural(props.program.counts.mentees, "mentee")} ·{" "}
      {plural(props.program.counts.coordinators, "coordinator")}
    </p>
  );
}

/** Home card: the programs I take part in (every program for platform admins), with my roles. */
export function ProgramsCard(props: { isPlatformAdmin: boolean }) {
  const programs = createQuery(() => programQueries.list());
  return (
    <Card
      title={props.isPlatformAdmin ? "Programs" : "Your programs"}
      description={props.isPlatformAdmin ? "Every program on the platform." : undefined}
      padded={false}
      actions={
        <A href="/join" class={buttonClass("secondary", "sm")}>
          Browse or join programs
        </A>
      }
    >
      <Switch>
        <Match when={programs.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={programs.isError}>
          <p class="px-5 py-4 text-sm text-red-700">{errorMessage(programs.error)}</p>
        </Match>
        <Match when={(programs.data?.length ?? 0) === 0}>
          <div class="flex flex-col gap-3 px-5 py-6">
            <p class="text-sm text-slate-600">
              You have not joined a program yet. Browse the open programs, or enter the invite code or link your coordinator sent you.
            </p>
            <DemoInviteHint />
          </div>
        </Match>
        <Match when={true}>
          <ul class="divide-y divide-slate-100">
            <For each={programs.data}>
              {(p) => (
                <li class="px-5 py-3">
                  <div class="flex flex-wrap items-center gap-2">
                    <Show
                      when={p.myRoles.length > 0 || props.isPlatformAdmin}
                      fallback={<span class="font-medium text-slate-900">{p.name}</span>}
                    >
                      <A href={`/programs/${p.id}`} class="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                        {p.name}
                      </A>
                    </Show>
                    <Show when={p.status !== "active"}>
                      <Badge tone="amber">{statusLabels[p.status]}</Badge>
                    </Show>
                    <For each={p.myRoles}>{(r) => <Badge tone="indigo">{roleLabels[r]}</Badge>}</For>
                    <For each={p.myPendingRoles}>{(r) => <Badge tone="amber">{roleLabels[r]}: waiting for approval</Badge>}</For>
                  </div>
                  <Counts program={p} />
                </li>
              )}
            </For>
          </ul>
        </Match>
      </Switch>
    </Card>
  );
}

/** Home card for coordinators: member counts of the programs they run. */
export function CoordinatorCard() {
  const programs = createQuery(() => programQueries.list());
  const mine = () => (programs.data ?? []).filter((p) => p.myRoles.includes("coordinator"));
  return (
    <Show when={mine().length > 0}>
      <Card title="Programs you coordinate" padded={false}>
        <ul class="divide-y divide-slate-100">
          <For each={mine()}>
            {(p) => (
              <li class="flex flex-col gap-3 px-5 py-4">
                <A href={`/programs/${p.id}`} class="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                  {p.name}
                </A>
                <dl class="grid grid-cols-3 gap-2 text-center">
                  <div class="rounded-lg bg-slate-50 px-2 py-2 ring-1 ring-slate-100">
                    <dt class="text-xs text-slate-500">Mentors</dt>
                    <dd class="text-lg font-semibold text-slate-900">{p.counts.mentors}</dd>
                  </div>
                  <div class="rounded-lg bg-slate-50 px-2 py-2 ring-1 ring-slate-100">
                    <dt class="text-xs text-slate-500">Mentees</dt>
                    <dd class="text-lg font-semibold text-slate-900">{p.counts.mentees}</dd>
                  </div>
                  <div class="rounded-lg bg-slate-50 px-2 py-2 ring-1 ring-slate-100">
                    <dt class="text-xs text-slate-500">Coordinators</dt>
                    <dd class="text-lg font-semibold text-slate-900">{p.counts.coordinators}</dd>
                  </div>
                </dl>
              </li>
            )}
          </For>
        </ul>
      </Card>
    </Show>
  );
}
