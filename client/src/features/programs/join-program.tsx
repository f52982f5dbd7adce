import { joinPreviewInput, joinProgramInput, joinRoles } from "@shared/modules/program/program.schema";
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button, buttonClass } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { RequiredFieldsNote } from "../../components/ui/field";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessage, fieldErrorsOf } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { formatCalendarDate } from "../../lib/format";
import { plural } from "../../lib/plural";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { type RouterOutputs, trpc } from "../../lib/trpc";
import { DemoInviteHint } from "./demo-invite-hint";
import { type JoinTarget, programQueries, roleLabels, typeLabels } from "./queries";

type Preview = RouterOutputs["program"]["joinPreview"];
type JoinRole = (typeof joinRoles)[number];

const roleHelp: Record<JoinRole, string> = {
  mentor: "Share your experience with people starting out.",
  mentee: "Get guidance from someone who has been there.",
};

function dates(p: { startsOn: string | null; endsOn: string | null }) {
  if (p.startsOn && p.endsOn) return `${formatCalendarDate(p.startsOn)} to ${formatCalendarDate(p.endsOn)}`;
  if (p.startsOn) return `Starts ${formatCalendarDate(p.startsOn)}`;
  return null;
}

/** One program before joining: what it is, the role to join as, and the join button. */
export function JoinProgramCard(props: { target: JoinTarget; preview: Preview; onCancel?: () => void }) {
  const navigate = useNavigate();
  const [role, setRole] = createSignal<JoinRole>("mentee");
  const [pending, setPending] = createSignal(false);
  const errors = createFormErrors();
  const name = `join-role-${createUniqueId()}`;
  const p = () => props.preview;
  const activeRoles = () =>
    p()
      .mine.filter((m) => m.status === "active")
      .map((m) => m.role);
  const waiting = () =>
    p()
      .mine.filter((m) => m.status === "pending")
      .map((m) => m.role);

  const join = createMutation(() => ({
    mutationFn: (input: Parameters<typeof trpc.program.join.mutate>[0]) => trpc.program.join.mutate(input),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      if (r.status === "active") navigate(`/programs/${r.programId}/onboarding`);
      else setPending(true);
    },
    onError: (err) => errors.fromServer(err, (path) => path === "role"),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    const input = errors.parse(joinProgramInput, { ...props.target, role: role() }, { shown: (path) => path === "role" });
    if (input) join.mutate(input);
  }

  return (
    <Card title={p().name} description={[typeLabels[p().type], dates(p())].filter(Boolean).join(" · ")}>
      <div class="flex flex-col gap-4">
        <Show when={p().description}>
          <p class="text-sm leading-6 whitespace-pre-line text-slate-700">{p().description}</p>
        </Show>
        <Switch>
          <Match when={pending()}>
            <Alert tone="success" title="Request sent">
              You asked to join as a {role()}. A coordinator will review your request; we will let you know as soon as they decide.
            </Alert>
            <A href="/" class={buttonClass("secondary", "sm", "self-start")}>
              Back to home
            </A>
          </Match>
          <Match when={p().status === "archived"}>
            <Alert tone="warning">This program has ended and no longer takes new members.</Alert>
          </Match>
          <Match when={p().status === "draft"}>
            <Alert tone="warning">This program is not open yet. Try again when it starts.</Alert>
          </Match>
          <Match when={true}>
            <Show when={activeRoles().length > 0}>
              <Alert
                tone="info"
                actions={
                  <A href={`/programs/${p().id}`} class={buttonClass("secondary", "sm")}>
                    Open the program
                  </A>
                }
              >
                You are already a {activeRoles().join(" and ")} here.
              </Alert>
            </Show>
            <Show when={waiting().length > 0}>
              <Alert tone="info">Your request to join as {waiting().join(" and ")} is waiting for a coordinator's approval.</Alert>
            </Show>
            <form class="flex flex-col gap-4" onSubmit={submit} noValidate>
              <Show when={errors.summary()}>
                <Alert tone="error">{errors.summary()}</Alert>
              </Show>
              <fieldset>
                <legend class="text-sm font-medium text-slate-800">Join as</legend>
                <div class="mt-2 grid gap-2 sm:grid-cols-2">
                  <For each={joinRoles}>
                    {(r) => (
                      <label class="flex cursor-pointer gap-3 rounded-lg p-3 ring-1 ring-slate-200 has-[:checked]:bg-indigo-50 has-[:checked]:ring-indigo-400">
                        <input
                          type="radio"
                          name={name}
                          value={r}
                          checked={role() === r}
                          onChange={() => setRole(r)}
                          class="mt-0.5 accent-indigo-600"
                        />
                        <span>
                          <span class="block text-sm font-medium text-slate-900">{roleLabels[r]}</span>
                          <span class="block text-xs text-slate-600">{roleHelp[r]}</span>
                        </span>
                      </label>
                    )}
                  </For>
                </div>
                <Show when={errors.field("role")}>
                  <p class="mt-1 text-sm text-red-700">{errors.field("role")}</p>
                </Show>
              </fieldset>
              <Show when={p().requiresApproval}>
                <p class="text-sm text-slate-600">A coordinator approves each new member; you will hear from us when they decide.</p>
              </Show>
              <div class="flex flex-wrap gap-2">
                <Button type="submit" loading={join.isPending}>
                  {p().requiresApproval ? "Ask to join" : "Join program"}
                </Button>
                <Show when={props.onCancel}>
                  <Button variant="ghost" onClick={() => props.onCancel?.()}>
                    Back
                  </Button>
                </Show>
              </div>
            </form>
          </Match>
        </Switch>
      </div>
    </Card>
  );
}

/** The page behind an invite link: /join/<token>. */
export function JoinByLink(props: { token: string }) {
  const target = () => ({ token: props.token });
  const preview = createQuery(() => programQueries.joinPreview(target()));
  return (
    <Switch>
      <Match when={preview.isPending}>
        <LoadingBlock />
      </Match>
      <Match when={preview.isError}>
        <Alert
          tone="error"
          title="This invite link does not work"
          actions={
            <A href="/join" class={buttonClass("secondary", "sm")}>
              Enter a code instead
            </A>
          }
        >
          {fieldErrorsOf(preview.error).token?.[0] ?? errorMessage(preview.error)}
        </Alert>
      </Match>
      <Match when={preview.data}>{(p) => <JoinProgramCard target={target()} preview={p()} />}</Match>
    </Switch>
  );
}

/** The join page without a link: type an invite code, or pick an open program. */
export function JoinByCodeOrBrowse() {
  // /join?code=DEMO-2027 (the demo hint's link) arrives with the code typed in.
  const [search] = useSearchParams<{ code?: string }>();
  const [code, setCode] = createSignal(typeof search.code === "string" ? search.code : "");
  const [chosen, setChosen] = createSignal<{ target: JoinTarget; preview: Preview } | null>(null);
  const errors = createFormErrors();
  const directory = createQuery(() => programQueries.directory());

  const look = createMutation(() => ({
    mutationFn: (target: JoinTarget) => trpc.program.joinPreview.query(target),
    onSuccess: (preview, target) => setChosen({ target, preview }),
    onError: (err) => errors.fromServer(err, (p) => p === "code"),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    const input = errors.parse(joinPreviewInput, { code: code() }, { shown: (p) => p === "code" });
    if (input) look.mutate(input);
  }

  return (
    <Show
      when={chosen()}
      fallback={
        <div class="grid items-start gap-6 lg:grid-cols-3">
          <Card title="Have an invite code?" description="Your coordinator may have sent you a code like ABCD-EFGH.">
            <form class="flex flex-col gap-4" onSubmit={submit} noValidate>
              <RequiredFieldsNote />
              <TextField
                label="Invite code"
                value={code()}
                onInput={(v) => {
                  setCode(v);
                  errors.clearField("code");
                }}
                autocomplete="off"
                error={errors.field("code")}
                required
                class="font-mono"
              />
              <Button type="submit" loading={look.isPending} class="self-start">
                Continue
              </Button>
            </form>
            <DemoInviteHint class="mt-4" link={false} />
          </Card>
          <div class="lg:col-span-2">
            <Card title="Browse open programs" description="Programs anyone can join." padded={false}>
              <Switch>
                <Match when={directory.isPending}>
                  <LoadingBlock />
                </Match>
                <Match when={directory.isError}>
                  <div class="px-5 py-4">
                    <RetryAlert message={errorMessage(directory.error)} onRetry={() => void directory.refetch()} />
                  </div>
                </Match>
                <Match when={(directory.data?.length ?? 0) === 0}>
                  <p class="px-5 py-6 text-sm text-slate-600">
                    No program is open to everyone right now. Ask your coordinator for an invite.
                  </p>
                </Match>
                <Match when={true}>
                  <ul class="divide-y divide-slate-100">
                    <For each={directory.data}>
                      {(p) => (
                        <li class="flex flex-wrap items-start gap-3 px-5 py-4">
                          <div class="min-w-0 flex-1">
                            <div class="flex flex-wrap items-center gap-2">
                              <span class="font-medium text-slate-900">{p.name}</span>
                              <Badge>{typeLabels[p.type]}</Badge>
                              <Show when={p.requiresApproval}>
                                <Badge tone="amber">Approval required</Badge>
                              </Show>
                              <For each={p.myRoles}>{(r) => <Badge tone="indigo">You are a {roleLabels[r].toLowerCase()}</Badge>}</For>
                            </div>
                            <Show when={p.description}>
                              <p class="mt-1 line-clamp-2 text-sm text-slate-600">{p.description}</p>
                            </Show>
                            <p class="mt-1 text-xs text-slate-500">
                              {plural(p.counts.mentors, "mentor")} · {plural(p.counts.mentees, "mentee")}
                              {dates(p) ? ` · ${dates(p)}` : ""}
                            </p>
                          </div>
                          <Button
                            size="sm"
                            variant="secondary"
                            loading={look.isPending && look.variables?.programId === p.id}
                            onClick={() => look.mutate({ programId: p.id })}
                          >
                            View and join<span class="sr-only"> {p.name}</span>
                          </Button>
                        </li>
                      )}
                    </For>
                  </ul>
                </Match>
              </Switch>
            </Card>
          </div>
        </div>
      }
    >
      {(c) => (
        <div class="max-w-2xl">
          <JoinProgramCard target={c().target} preview={c().preview} onCancel={() => setChosen(null)} />
        </div>
      )}
    </Show>
  );
}
