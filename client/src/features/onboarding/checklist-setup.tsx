import { publishCodeOfConductInput, setChecklistInput } from "@shared/modules/onboarding/onboarding.schema";
import { createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch, untrack } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Checkbox } from "../../components/ui/checkbox";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessage } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { formatDateTime } from "../../lib/format";
import { trpc } from "../../lib/trpc";
import { type ChecklistConfig, invalidateOnboarding, onboardingQueries } from "./queries";

/** Staff: which steps mentors of this program must finish, and the code-of-conduct text with its versions. */
export function ChecklistSetup(props: { programId: string }) {
  const config = createQuery(() => onboardingQueries.config(props.programId));
  return (
    <Switch>
      <Match when={config.isPending}>
        <LoadingBlock />
      </Match>
      <Match when={config.isError && !config.data}>
        <RetryAlert message={errorMessage(config.error)} onRetry={() => void config.refetch()} />
      </Match>
      <Match when={config.data}>
        {(data) => (
          <div class="flex flex-col gap-6">
            <StepsForm programId={props.programId} initial={data()} />
            <CodeOfConductEditor programId={props.programId} config={data()} />
          </div>
        )}
      </Match>
    </Switch>
  );
}

type Kind = { kind: string; label: string; required: boolean };

function StepsForm(props: { programId: string; initial: ChecklistConfig }) {
  const first = untrack(() => props.initial);
  const errors = createFormErrors();
  const [coc, setCoc] = createSignal(first.codeOfConduct);
  const [kinds, setKinds] = createSignal<Kind[]>(first.documents.map((d) => ({ ...d })));
  const [training, setTraining] = createSignal(first.trainingUrl ?? "");
  const [background, setBackground] = createSignal(first.backgroundCheck);
  const [busy, setBusy] = createSignal(false);
  const [saved, setSaved] = createSignal(false);

  const patchKind = (i: number, patch: Partial<Kind>) => setKinds(kinds().map((k, j) => (j === i ? { ...k, ...patch } : k)));

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    setSaved(false);
    const input = errors.parse(setChecklistInput, {
      programId: props.programId,
      codeOfConduct: coc(),
      documents: kinds(),
      trainingUrl: training().trim() || null,
      backgroundCheck: background(),
    });
    if (!input) return;
    setBusy(true);
    try {
      await trpc.onboarding.setChecklist.mutate(input);
      setSaved(true);
      await invalidateOnboarding();
    } catch (err) {
      errors.fromServer(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title="Mentor checklist"
      description={`${props.initial.mentors.ready} of ${props.initial.mentors.total} active mentors are ready to be matched. Adding a required step sends ready mentors back to finish it.`}
    >
      <form class="flex flex-col gap-5" onSubmit={(e) => void submit(e)} noValidate>
        <Checkbox
          label="Mentors agree to the code of conduct"
          checked={coc()}
          onChange={setCoc}
          error={errors.field("codeOfConduct")}
          description={
            props.initial.versions.length === 0
              ? "Publish the text below first."
              : `Current text: version ${props.initial.versions[0]?.version}.`
          }
        />
        <fieldset class="flex flex-col gap-3">
          <legend class="text-sm font-medium text-slate-800">Documents to upload</legend>
          <For each={kinds()}>
            {(k, i) => (
              <div class="flex flex-col gap-2 rounded-lg p-3 ring-1 ring-slate-200 sm:flex-row sm:items-start">
                <TextField
                  class="sm:w-40"
                  label="Code"
                  value={k.kind}
                  onInput={(v) => patchKind(i(), { kind: v })}
                  error={errors.field(`documents.${i()}.kind`)}
                  maxLength={40}
                />
                <TextField
                  class="flex-1"
                  label="Name shown to mentors"
                  value={k.label}
                  onInput={(v) => patchKind(i(), { label: v })}
                  error={errors.field(`documents.${i()}.label`)}
                  maxLength={80}
                />
                <Checkbox class="sm:pt-8" label="Required" checked={k.required} onChange={(on) => patchKind(i(), { required: on })} />
                <div class="sm:pt-7">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove document ${k.label || i() + 1}`}
                    onClick={() => setKinds(kinds().filter((_, j) => j !== i()))}
                  >
                    Remove
                  </Button>
                </div>
              </div>
            )}
          </For>
          <div>
            <Button size="sm" variant="secondary" onClick={() => setKinds([...kinds(), { kind: "", label: "", required: true }])}>
              Add a document kind
            </Button>
          </div>
        </fieldset>
        <TextField
          label="Training link"
          type="url"
          value={training()}
          onInput={setTraining}
          error={errors.field("trainingUrl")}
          required={false}
          placeholder="https://"
          description="Leave empty for no training step. Mentors open it and mark it done."
        />
        <Checkbox
          label="Background check"
          checked={background()}
          onChange={setBackground}
          description="Coordinators record the result for each mentor in the review queue."
        />
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <div class="flex items-center gap-3">
          <Button type="submit" loading={busy()}>
            Save checklist
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

function CodeOfConductEditor(props: { programId: string; config: ChecklistConfig }) {
  const errors = createFormErrors();
  const [body, setBody] = createSignal(untrack(() => props.config.versions[0]?.body ?? ""));
  const [busy, setBusy] = createSignal(false);
  const [published, setPublished] = createSignal<number | null>(null);

  async function publish(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    setPublished(null);
    const input = errors.parse(publishCodeOfConductInput, { programId: props.programId, body: body() });
    if (!input) return;
    setBusy(true);
    try {
      setPublished((await trpc.onboarding.publishCodeOfConduct.mutate(input)).version);
      await invalidateOnboarding();
    } catch (err) {
      errors.fromServer(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title="Code of conduct"
      description="Publishing creates a new version. Mentors who are not ready yet must agree to it again; ready mentors stay ready and are asked to read it."
    >
      <form class="flex flex-col gap-4" onSubmit={(e) => void publish(e)} noValidate>
        <TextField label="Text" rows={10} value={body()} onInput={setBody} error={errors.field("body")} maxLength={20_000} />
        <Show when={errors.summary() && !errors.field("body")}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <div class="flex items-center gap-3">
          <Button type="submit" loading={busy()}>
            Publish as version {(props.config.versions[0]?.version ?? 0) + 1}
          </Button>
          <Show when={published()}>
            {(v) => (
              <p role="status" class="text-sm font-medium text-emerald-700">
                Version {v()} published.
              </p>
            )}
          </Show>
        </div>
      </form>
      <Show when={props.config.versions.length > 0}>
        <h3 class="mt-6 text-sm font-semibold text-slate-800">Version history</h3>
        <ul class="mt-2 flex flex-col gap-2">
          <For each={props.config.versions}>
            {(v) => (
              <li>
                <details class="rounded-lg p-2 ring-1 ring-slate-200">
                  <summary class="cursor-pointer text-sm">
                    Version {v.version}, {formatDateTime(v.createdAt)}
                    {v.createdByName ? ` by ${v.createdByName}` : ""}
                  </summary>
                  <p class="mt-2 text-sm whitespace-pre-wrap text-slate-700">{v.body}</p>
                </details>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Card>
  );
}
