import { createProgramInput, duplicateProgramInput } from "@shared/modules/program/program.schema";
import { A } from "@solidjs/router";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createEffect, createSignal, For, Match, on, Show, Switch } from "solid-js";
import { joinModes, matchingModes, programTypes } from "../../../../db/schema/enums";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Checkbox } from "../../components/ui/checkbox";
import { Dialog } from "../../components/ui/dialog";
import { RequiredFieldsNote } from "../../components/ui/field";
import { Select } from "../../components/ui/select";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessage } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { formatCalendarDate } from "../../lib/format";
import { plural } from "../../lib/plural";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { joinModeLabels, matchingModeLabels, type ProgramListItem, programQueries, statusLabels, typeLabels } from "./queries";

/** "Women in Tech 2027" -> "women-in-tech-2027". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

const statusTone = { active: "green", draft: "amber", archived: "neutral" } as const;

/** The create form: name and address, plus the settings that shape a program from day one. */
export function CreateProgramForm() {
  const empty = () => ({
    name: "",
    slug: "",
    description: "",
    status: "active" as "draft" | "active",
    type: "one_to_one" as (typeof programTypes)[number],
    joinMode: "open" as (typeof joinModes)[number],
    requiresApproval: false,
    matchingMode: "mentee_choice" as (typeof matchingModes)[number],
    startsOn: "",
    endsOn: "",
  });
  const [form, setForm] = createSignal(empty());
  const [slugTouched, setSlugTouched] = createSignal(false);
  const [created, setCreated] = createSignal<{ id: string; name: string } | null>(null);
  const errors = createFormErrors();
  const set = <K extends keyof ReturnType<typeof empty>>(key: K, value: ReturnType<typeof empty>[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    errors.clearField(key);
  };

  const create = createMutation(() => ({
    mutationFn: (input: Parameters<typeof trpc.program.create.mutate>[0]) => trpc.program.create.mutate(input),
    onSuccess: (r, input) => {
      setCreated({ id: r.id, name: input.name });
      setForm(empty());
      setSlugTouched(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs });
    },
    onError: (err) => errors.fromServer(err),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    setCreated(null);
    errors.clear();
    const f = form();
    const input = errors.parse(createProgramInput, { ...f, startsOn: f.startsOn || null, endsOn: f.endsOn || null });
    if (input) create.mutate(input);
  }

  return (
    <Card title="New program" description="Everything else (weights, deadlines, reminders) is on the program's Settings tab.">
      <form class="flex flex-col gap-4" onSubmit={submit} noValidate>
        <RequiredFieldsNote />
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <Show when={created()}>
          {(c) => (
            <Alert tone="success">
              {c().name} was created.{" "}
              <A href={`/programs/${c().id}/members`} class="font-medium underline">
                Appoint its coordinators
              </A>
            </Alert>
          )}
        </Show>
        <TextField
          label="Name"
          value={form().name}
          onInput={(v) => {
            set("name", v);
            if (!slugTouched()) set("slug", slugify(v));
          }}
          error={errors.field("name")}
          required
        />
        <TextField
          label="Address (slug)"
          value={form().slug}
          onInput={(v) => {
            setSlugTouched(true);
            set("slug", v);
          }}
          error={errors.field("slug")}
          description="Lower-case letters, digits and hyphens."
          required
        />
        <TextField
          label="Description"
          rows={3}
          required={false}
          value={form().description}
          onInput={(v) => set("description", v)}
          error={errors.field("description")}
        />
        <div class="grid gap-4 sm:grid-cols-2">
          <Select
            label="Type"
            value={form().type}
            onChange={(v) => set("type", v as (typeof programTypes)[number])}
            options={programTypes.map((t) => ({ value: t, label: typeLabels[t] }))}
          />
          <Select
            label="Status"
            value={form().status}
            onChange={(v) => set("status", v as "draft" | "active")}
            options={[
              { value: "active", label: "Active: open to join now" },
              { value: "draft", label: "Draft: prepare it first" },
            ]}
          />
        </div>
        <Select
          label="How people join"
          value={form().joinMode}
          onChange={(v) => set("joinMode", v as (typeof joinModes)[number])}
          options={joinModes.map((m) => ({ value: m, label: joinModeLabels[m] }))}
        />
        <Checkbox
          label="A coordinator approves each person who joins"
          checked={form().requiresApproval}
          onChange={(v) => set("requiresApproval", v)}
        />
        <Select
          label="Matching mode"
          value={form().matchingMode}
          onChange={(v) => set("matchingMode", v as (typeof matchingModes)[number])}
          options={matchingModes.map((m) => ({ value: m, label: matchingModeLabels[m] }))}
        />
        <div class="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Starts on"
            type="date"
            required={false}
            value={form().startsOn}
            onInput={(v) => set("startsOn", v)}
            error={errors.field("startsOn")}
          />
          <TextField
            label="Ends on"
            type="date"
            required={false}
            value={form().endsOn}
            onInput={(v) => set("endsOn", v)}
            error={errors.field("endsOn")}
          />
        </div>
        <Button type="submit" loading={create.isPending} class="self-start">
          Create program
        </Button>
      </form>
    </Card>
  );
}

function DuplicateDialog(props: { program: ProgramListItem | null; onClose: () => void }) {
  const [name, setName] = createSignal("");
  const [slug, setSlug] = createSignal("");
  const errors = createFormErrors();
  const shown = (p: string) => p === "name" || p === "slug";
  const duplicate = createMutation(() => ({
    mutationFn: (input: Parameters<typeof trpc.program.duplicate.mutate>[0]) => trpc.program.duplicate.mutate(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs });
      props.onClose();
    },
    onError: (err) => errors.fromServer(err, shown),
  }));
  // Each time a program is chosen, start from a suggested name and address for the copy.
  createEffect(
    on(
      () => props.program,
      (p) => {
        if (!p) return;
        setName(`${p.name} (copy)`);
        setSlug(slugify(`${p.slug}-copy`));
        errors.clear();
      },
    ),
  );

  function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    const p = props.program;
    if (!p) return;
    const input = errors.parse(duplicateProgramInput, { programId: p.id, name: name(), slug: slug() }, { shown });
    if (input) duplicate.mutate(input);
  }

  return (
    <Dialog
      open={props.program !== null}
      onOpenChange={(o) => !o && props.onClose()}
      title="Duplicate program"
      description="Copies the settings, checklist, code of conduct and message templates as a draft. Members are not copied."
    >
      <form class="flex flex-col gap-4" onSubmit={submit} noValidate>
        <RequiredFieldsNote />
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <TextField label="Name of the copy" value={name()} onInput={setName} error={errors.field("name")} required />
        <TextField label="Address (slug)" value={slug()} onInput={setSlug} error={errors.field("slug")} required />
        <div class="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => props.onClose()}>
            Cancel
          </Button>
          <Button type="submit" loading={duplicate.isPending}>
            Duplicate
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Every program with its status and counts; duplicate, archive and unarchive. */
export function ProgramsAdminList() {
  const programs = createQuery(() => programQueries.list());
  const [duplicating, setDuplicating] = createSignal<ProgramListItem | null>(null);
  const [message, setMessage] = createSignal<{ tone: "success" | "error"; text: string } | null>(null);
  const archive = createMutation(() => ({
    mutationFn: (input: { program: ProgramListItem; archive: boolean }) =>
      input.archive
        ? trpc.program.archive.mutate({ programId: input.program.id })
        : trpc.program.unarchive.mutate({ programId: input.program.id }),
    onSuccess: (_r, input) => {
      setMessage({
        tone: "success",
        text: input.archive
          ? `${input.program.name} is archived and no longer takes new members.`
          : `${input.program.name} is active again.`,
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs });
    },
    onError: (err) => setMessage({ tone: "error", text: errorMessage(err) }),
  }));

  return (
    <Card title="Programs" description={programs.data ? `${programs.data.length} in total` : undefined} padded={false}>
      <Show when={message()}>
        {(m) => (
          <div class="px-5 pt-4">
            <Alert tone={m().tone}>{m().text}</Alert>
          </div>
        )}
      </Show>
      <Switch>
        <Match when={programs.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={programs.isError}>
          <div class="px-5 py-4">
            <RetryAlert message={errorMessage(programs.error)} onRetry={() => void programs.refetch()} />
          </div>
        </Match>
        <Match when={(programs.data?.length ?? 0) === 0}>
          <p class="px-5 py-6 text-sm text-slate-600">No programs yet. Create the first one.</p>
        </Match>
        <Match when={true}>
          <ul class="divide-y divide-slate-100">
            <For each={programs.data}>
              {(p) => (
                <li class="flex flex-wrap items-start gap-3 px-5 py-4">
                  <div class="min-w-0 flex-1">
                    <div class="flex flex-wrap items-center gap-2">
                      <A href={`/programs/${p.id}`} class="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                        {p.name}
                      </A>
                      <Badge tone={statusTone[p.status]}>{statusLabels[p.status]}</Badge>
                      <Badge>{typeLabels[p.type]}</Badge>
                    </div>
                    <p class="mt-1 text-xs text-slate-500">
                      /{p.slug} · {matchingModeLabels[p.matchingMode]}
                      {p.startsOn ? ` · from ${formatCalendarDate(p.startsOn)}` : ""}
                      {p.endsOn ? ` to ${formatCalendarDate(p.endsOn)}` : ""}
                    </p>
                    <p class="mt-1 text-xs text-slate-600">
                      {plural(p.counts.mentors, "mentor")} · {plural(p.counts.mentees, "mentee")} ·{" "}
                      {plural(p.counts.coordinators, "coordinator")}
                      <Show when={p.counts.pending > 0}>
                        {" "}
                        · <span class="font-medium text-amber-800">{p.counts.pending} waiting for approval</span>
                      </Show>
                    </p>
                  </div>
                  <div class="flex flex-wrap gap-2">
                    <Button size="sm" variant="secondary" onClick={() => setDuplicating(p)}>
                      Duplicate<span class="sr-only"> {p.name}</span>
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      loading={archive.isPending && archive.variables?.program.id === p.id}
                      onClick={() => archive.mutate({ program: p, archive: p.status !== "archived" })}
                    >
                      {p.status === "archived" ? "Unarchive" : "Archive"}
                      <span class="sr-only"> {p.name}</span>
                    </Button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Match>
      </Switch>
      <DuplicateDialog program={duplicating()} onClose={() => setDuplicating(null)} />
    </Card>
  );
}
