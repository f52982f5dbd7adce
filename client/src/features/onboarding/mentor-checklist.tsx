import { createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { describedBy, FieldError } from "../../components/ui/field";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessage, fieldErrorsOf } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { trpc } from "../../lib/trpc";
import {
  type ChecklistStepView,
  DOCUMENT_ACCEPT,
  invalidateOnboarding,
  type MyChecklist,
  onboardingQueries,
  stepStatusLabels,
  stepStatusTones,
  uploadDocument,
} from "./queries";

/** A mentor's checklist in one program: each step's state, and the action that moves it on. */
export function MentorChecklist(props: { programId: string }) {
  const list = createQuery(() => onboardingQueries.checklist(props.programId));
  return (
    <Card title="Mentor checklist" description="Finish these steps; a coordinator reviews each one before you can be matched.">
      <Switch>
        <Match when={list.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={list.isError && !list.data}>
          <RetryAlert message={errorMessage(list.error)} onRetry={() => void list.refetch()} />
        </Match>
        <Match when={list.data}>
          {(data) => (
            <div class="flex flex-col gap-4">
              <Switch>
                <Match when={data().readyAt}>
                  {(at) => (
                    <Alert tone="success" title="You are ready to be matched">
                      Every required step is approved (since {formatDateTime(at())}).
                    </Alert>
                  )}
                </Match>
                <Match when={data().membershipStatus === "pending"}>
                  <Alert tone="info">Your place in this program is waiting for approval. You can already work through the checklist.</Alert>
                </Match>
              </Switch>
              <Show when={data().steps.length === 0}>
                <p class="text-sm text-slate-600">This program has no checklist. Nothing to do here.</p>
              </Show>
              <ol class="flex flex-col gap-4">
                <For each={data().steps}>
                  {(step) => (
                    <li class="rounded-lg p-4 ring-1 ring-slate-200">
                      <div class="flex flex-wrap items-center justify-between gap-2">
                        <h3 class="font-semibold text-slate-900">
                          {step.label}
                          <Show when={!step.required}>
                            <span class="ml-1 text-sm font-normal text-slate-500">(optional)</span>
                          </Show>
                        </h3>
                        <Badge tone={stepStatusTones[step.status]}>{stepStatusLabels[step.status]}</Badge>
                      </div>
                      <Show when={step.note}>
                        <p class="mt-2 rounded bg-slate-50 p-2 text-sm text-slate-700">
                          <span class="font-medium">Note: </span>
                          {step.note}
                        </p>
                      </Show>
                      <div class="mt-3">
                        <StepBody programId={props.programId} step={step} list={data()} />
                      </div>
                    </li>
                  )}
                </For>
              </ol>
            </div>
          )}
        </Match>
      </Switch>
    </Card>
  );
}

function StepBody(props: { programId: string; step: ChecklistStepView; list: MyChecklist }) {
  return (
    <Switch>
      <Match when={props.step.step === "code_of_conduct"}>
        <CodeOfConduct programId={props.programId} step={props.step} list={props.list} />
      </Match>
      <Match when={props.step.step === "documents"}>
        <Documents programId={props.programId} step={props.step} list={props.list} />
      </Match>
      <Match when={props.step.step === "training"}>
        <Training programId={props.programId} step={props.step} list={props.list} />
      </Match>
      <Match when={props.step.step === "background_check"}>
        <p class="text-sm text-slate-600">
          {props.step.status === "approved"
            ? "Your background check passed."
            : props.step.status === "rejected"
              ? "Your background check did not pass. A coordinator will contact you."
              : "A coordinator arranges the background check and records the result here. Nothing to do for now."}
        </p>
      </Match>
    </Switch>
  );
}

function useAction() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  async function run(fn: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await invalidateOnboarding();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

function CodeOfConduct(props: { programId: string; step: ChecklistStepView; list: MyChecklist }) {
  const action = useAction();
  const coc = () => props.list.codeOfConduct;
  const acknowledgedCurrent = () => props.step.acknowledgedVersion === coc()?.version && props.step.status !== "todo";
  return (
    <div class="flex flex-col gap-3">
      <Show when={coc()}>
        {(c) => (
          <>
            <Show when={props.list.newVersionToAcknowledge}>
              <Alert tone="warning">A new version of the code of conduct was published. Please read it and agree again.</Alert>
            </Show>
            <p class="text-sm text-slate-500">Version {c().version}</p>
            <div class="max-h-64 overflow-y-auto rounded border border-slate-200 bg-slate-50 p-3 text-sm whitespace-pre-wrap text-slate-800">
              {c().body}
            </div>
            <Show
              when={!acknowledgedCurrent()}
              fallback={
                <p class="text-sm text-slate-600">
                  You agreed to version {props.step.acknowledgedVersion}
                  <Show when={props.step.completedAt}>{(at) => <> on {formatDateTime(at())}</>}</Show>.
                </p>
              }
            >
              <div>
                <Button
                  loading={action.busy()}
                  onClick={() =>
                    void action.run(() =>
                      trpc.onboarding.acknowledgeCodeOfConduct.mutate({ programId: props.programId, version: c().version }),
                    )
                  }
                >
                  I agree to version {c().version}
                </Button>
              </div>
              <Show when={props.step.acknowledgedVersion}>
                {(v) => <p class="text-sm text-slate-500">You agreed to version {v()} earlier.</p>}
              </Show>
            </Show>
          </>
        )}
      </Show>
      <Show when={action.error()}>
        <Alert tone="error">{action.error()}</Alert>
      </Show>
    </div>
  );
}

function Training(props: { programId: string; step: ChecklistStepView; list: MyChecklist }) {
  const action = useAction();
  const canMark = () => props.step.status === "todo" || props.step.status === "rejected";
  return (
    <div class="flex flex-col gap-3">
      <Show when={props.list.trainingUrl}>
        {(url) => (
          <p class="text-sm">
            <a href={url()} target="_blank" rel="noopener noreferrer" class="font-medium text-indigo-700 underline hover:text-indigo-900">
              Open the training
            </a>
            <span class="text-slate-500"> (opens in a new tab)</span>
          </p>
        )}
      </Show>
      <Show
        when={canMark()}
        fallback={
          <Show when={props.step.completedAt}>
            {(at) => <p class="text-sm text-slate-600">You marked it done on {formatDateTime(at())}.</p>}
          </Show>
        }
      >
        <div>
          <Button
            variant="secondary"
            loading={action.busy()}
            onClick={() => void action.run(() => trpc.onboarding.markTrainingDone.mutate({ programId: props.programId }))}
          >
            I finished the training
          </Button>
        </div>
      </Show>
      <Show when={action.error()}>
        <Alert tone="error">{action.error()}</Alert>
      </Show>
    </div>
  );
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function Documents(props: { programId: string; step: ChecklistStepView; list: MyChecklist }) {
  const locked = () => props.step.status === "approved";
  return (
    <div class="flex flex-col gap-4">
      <p class="text-sm text-slate-600">PDF, Word (.docx), PNG or JPEG, up to {formatSize(props.list.maxDocumentBytes)} each.</p>
      <For each={props.list.documentKinds}>
        {(kind) => <DocumentKind programId={props.programId} kind={kind} locked={locked()} maxBytes={props.list.maxDocumentBytes} />}
      </For>
    </div>
  );
}

function DocumentKind(props: { programId: string; kind: MyChecklist["documentKinds"][number]; locked: boolean; maxBytes: number }) {
  const id = `doc-${props.kind.kind}`;
  const [error, setError] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  const remove = useAction();

  async function choose(input: HTMLInputElement) {
    const file = input.files?.[0];
    setError(undefined);
    if (!file) return;
    if (file.size > props.maxBytes) {
      setError(`The file is larger than ${formatSize(props.maxBytes)}. Choose a smaller one.`);
      input.value = "";
      return;
    }
    setBusy(true);
    try {
      await uploadDocument(props.programId, props.kind.kind, file);
      await invalidateOnboarding();
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setError(fe.file?.[0] ?? fe.kind?.[0] ?? errorMessage(err));
    } finally {
      setBusy(false);
      input.value = "";
    }
  }

  return (
    <div class="flex flex-col gap-2">
      <label for={id} class="text-sm font-medium text-slate-800">
        {props.kind.label}
        {props.kind.required ? "" : " (optional)"}
      </label>
      <ul class="flex flex-col gap-1">
        <For each={props.kind.files}>
          {(f) => (
            <li class="flex flex-wrap items-center gap-2 text-sm">
              <a href={f.url} class="font-medium text-indigo-700 underline hover:text-indigo-900">
                {f.filename}
              </a>
              <span class="text-slate-500">
                {formatSize(f.size)}, {formatDateTime(f.uploadedAt)}
              </span>
              <Show when={!props.locked}>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Remove ${f.filename}`}
                  loading={remove.busy()}
                  onClick={() =>
                    void remove.run(() => trpc.onboarding.removeDocument.mutate({ programId: props.programId, documentId: f.id }))
                  }
                >
                  Remove
                </Button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={!props.locked}>
        <input
          id={id}
          type="file"
          accept={DOCUMENT_ACCEPT}
          disabled={busy()}
          aria-invalid={error() ? "true" : undefined}
          aria-describedby={describedBy(id, false, error())}
          onChange={(e) => void choose(e.currentTarget)}
          class="block w-full max-w-sm text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-indigo-700 hover:file:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        />
      </Show>
      <Show when={busy()}>
        <p class="text-sm text-slate-600">Uploading…</p>
      </Show>
      <FieldError id={id} error={error()} />
      <Show when={remove.error()}>
        <Alert tone="error">{remove.error()}</Alert>
      </Show>
    </div>
  );
}
