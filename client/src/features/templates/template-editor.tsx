import { templateContentInput } from "@shared/modules/notification/template.schema";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createMemo, createSignal, For, Match, onMount, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { Spinner } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { createDebounced } from "../../lib/debounced";
import { errorMessageWithFields } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { plural } from "../../lib/plural";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { channelLabels, type TemplateContent, type TemplateRow, type TemplateScope, templateQueries } from "./queries";

type Field = "subject" | "body" | "html";

/**
 * Edits one (type, channel) template: the fields, variable chips that insert at the cursor, a live preview
 * rendered by the server with sample data, and Save / Send a test to me / Reset to default.
 */
export function TemplateEditor(props: { scope: TemplateScope; row: TemplateRow; inheritedLabel: string }) {
  const [subject, setSubject] = createSignal(props.row.subject);
  const [body, setBody] = createSignal(props.row.body);
  const [html, setHtml] = createSignal(props.row.html);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [confirmReset, setConfirmReset] = createSignal(false);
  const [lastField, setLastField] = createSignal<Field>("body");
  const errors = createFormErrors();
  const idBase = `tpl-${props.row.type.replace(/\W/g, "-")}-${props.row.channel}`;
  const fieldId = (f: Field) => `${idBase}-${f}`;
  let heading: HTMLHeadingElement | undefined;

  const hasSubject = () => props.row.channel !== "sms";
  const hasHtml = () => props.row.channel === "email";
  const fields = (): Field[] =>
    ["subject", "body", "html"].filter((f) => (f === "subject" ? hasSubject() : f === "html" ? hasHtml() : true)) as Field[];
  const shown = (path: string) => (fields() as string[]).includes(path);

  const content = (): TemplateContent => ({
    scope: props.scope,
    type: props.row.type,
    channel: props.row.channel,
    subject: hasSubject() ? subject() : "",
    body: body(),
    html: hasHtml() ? html() : "",
  });
  const dirty = () => subject() !== props.row.subject || body() !== props.row.body || html() !== props.row.html;

  // The server renders the preview 300 ms after typing stops; the previous one stays visible meanwhile.
  const debounced = createDebounced(content, 300);
  const preview = createQuery(() => ({ ...templateQueries.preview(debounced()), enabled: debounced().body.trim() !== "" }));

  onMount(() => heading?.focus({ preventScroll: false }));

  function set(field: Field, value: string) {
    ({ subject: setSubject, body: setBody, html: setHtml })[field](value);
    errors.clearField(field);
    setNotice(null);
  }

  /** Inserts {{name}} where the cursor was in the field last used (the body by default). */
  function insertVariable(name: string) {
    const field = fields().includes(lastField()) ? lastField() : "body";
    const el = document.getElementById(fieldId(field)) as HTMLInputElement | HTMLTextAreaElement | null;
    if (!el) return;
    const text = `{{${name}}}`;
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? el.value.length;
    el.setRangeText(text, start, end, "end");
    set(field, el.value);
    el.focus();
  }

  const afterChange = async () => {
    await queryClient.invalidateQueries({ queryKey: [...queryKeys.templates, props.scope, "list"] });
  };

  const save = createMutation(() => ({
    mutationFn: (input: TemplateContent) => trpc.template.save.mutate(input),
    onSuccess: async (saved) => {
      // The field shows what was stored: the HTML after the allow-list.
      if (hasHtml()) setHtml(saved.html);
      setNotice(
        saved.removed.length
          ? `Saved. New messages use this template. Removed from the HTML: ${saved.removed.join("; ")}.`
          : "Saved. New messages use this template.",
      );
      await afterChange();
    },
    onError: (err) => errors.fromServer(err, shown),
  }));

  const sendTest = createMutation(() => ({
    mutationFn: (input: TemplateContent) => trpc.template.sendTest.mutate(input),
    onSuccess: () =>
      setNotice(
        props.row.channel === "in_app"
          ? "Test sent: look at your notifications."
          : `Test sent to you by ${props.row.channel === "sms" ? "SMS" : "email"}. It should arrive within a minute.`,
      ),
    onError: (err) => errors.fromServer(err, shown),
  }));

  const reset = createMutation(() => ({
    mutationFn: () => trpc.template.reset.mutate({ scope: props.scope, type: props.row.type, channel: props.row.channel }),
    onSuccess: async () => {
      setConfirmReset(false);
      await afterChange();
      // The list now holds the default again: show it in the fields.
      setSubject(props.row.subject);
      setBody(props.row.body);
      setHtml(props.row.html);
      errors.clear();
      setNotice(`Reset: the ${props.inheritedLabel} is used again.`);
    },
  }));

  function validated(): TemplateContent | undefined {
    setNotice(null);
    errors.clear();
    return errors.parse(templateContentInput, content(), { shown });
  }

  const segments = () => preview.data?.smsSegments ?? null;
  const busy = () => save.isPending || sendTest.isPending || reset.isPending;

  return (
    <section
      aria-labelledby={`${idBase}-heading`}
      class="flex flex-col gap-5 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5"
    >
      <div class="flex flex-wrap items-center gap-2">
        <h2 id={`${idBase}-heading`} ref={heading} tabIndex={-1} class="text-lg font-semibold text-slate-900 focus:outline-none">
          {props.row.label} · {channelLabels[props.row.channel]}
        </h2>
        <Show when={props.row.isCustom} fallback={<Badge>Default</Badge>}>
          <Badge tone="indigo">Customised</Badge>
        </Show>
        <Show when={dirty()}>
          <Badge tone="amber">Unsaved changes</Badge>
        </Show>
      </div>

      <form
        class="flex flex-col gap-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const input = validated();
          if (input) save.mutate(input);
        }}
        onFocusIn={(e) => {
          const f = fields().find((x) => fieldId(x) === (e.target as HTMLElement).id);
          if (f) setLastField(f);
        }}
      >
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <Show when={hasSubject()}>
          <TextField
            id={fieldId("subject")}
            label={props.row.channel === "in_app" ? "Title" : "Subject"}
            value={subject()}
            onInput={(v) => set("subject", v)}
            error={errors.field("subject")}
            maxLength={200}
            required
          />
        </Show>
        <TextField
          id={fieldId("body")}
          label="Body"
          rows={props.row.channel === "sms" ? 4 : 8}
          value={body()}
          onInput={(v) => set("body", v)}
          error={errors.field("body")}
          description={props.row.channel === "email" ? "Plain text. A blank line starts a new paragraph." : undefined}
          maxLength={5000}
          required
        />
        <Show when={hasHtml()}>
          <TextField
            id={fieldId("html")}
            label="HTML"
            rows={6}
            value={html()}
            onInput={(v) => set("html", v)}
            error={errors.field("html")}
            description="Leave empty to use the standard layout built from the body. Variables are escaped. Scripts, styles, forms, images and event handlers are removed; links must start with http, https or mailto."
            maxLength={20000}
            required={false}
          />
        </Show>

        <div class="flex flex-col gap-2">
          <p id={`${idBase}-vars`} class="text-sm font-medium text-slate-800">
            Variables <span class="font-normal text-slate-500">(insert at the cursor)</span>
          </p>
          <ul class="flex flex-wrap gap-2" aria-labelledby={`${idBase}-vars`}>
            <For each={props.row.variables}>
              {(v) => (
                <li>
                  <button
                    type="button"
                    onClick={() => insertVariable(v)}
                    class="rounded-full bg-indigo-50 px-2.5 py-1 font-mono text-xs text-indigo-800 ring-1 ring-indigo-200 ring-inset hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                  >
                    <span class="sr-only">Insert </span>
                    {`{{${v}}}`}
                  </button>
                </li>
              )}
            </For>
          </ul>
        </div>

        <Show when={notice()}>
          <p role="status" class="text-sm font-medium text-emerald-700">
            {notice()}
          </p>
        </Show>
        <div class="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
          <Button type="submit" loading={save.isPending} disabled={busy()}>
            Save
          </Button>
          <Button
            variant="secondary"
            loading={sendTest.isPending}
            disabled={busy()}
            onClick={() => {
              const input = validated();
              if (input) sendTest.mutate(input);
            }}
          >
            Send a test to me
          </Button>
          <Button
            variant="ghost"
            class="sm:ml-auto"
            disabled={busy() || !props.row.isCustom}
            onClick={() => {
              reset.reset();
              setConfirmReset(true);
            }}
          >
            Reset to default
          </Button>
        </div>
      </form>

      <TemplatePreviewPanel
        channel={props.row.channel}
        preview={preview.data}
        loading={preview.isFetching}
        error={preview.isError ? errorMessageWithFields(preview.error) : null}
        segments={segments()}
        stale={preview.isPlaceholderData}
      />

      <Dialog
        open={confirmReset()}
        onOpenChange={setConfirmReset}
        title="Reset to default?"
        description={`Your wording of “${props.row.label}” (${channelLabels[props.row.channel]}) is removed and the ${props.inheritedLabel} is used again. This cannot be undone.`}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmReset(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={reset.isPending} onClick={() => reset.mutate()}>
              Reset to default
            </Button>
          </>
        }
      >
        <Show when={reset.isError}>
          <Alert tone="error">{errorMessageWithFields(reset.error)}</Alert>
        </Show>
      </Dialog>
    </section>
  );
}

function TemplatePreviewPanel(props: {
  channel: TemplateRow["channel"];
  preview: { subject: string; text: string; html: string | null; problems: string[]; removed: string[] } | undefined;
  loading: boolean;
  error: string | null;
  segments: number | null;
  stale: boolean;
}) {
  const problems = createMemo(() => props.preview?.problems ?? []);
  const removed = createMemo(() => props.preview?.removed ?? []);
  return (
    <section aria-label="Live preview" class="flex flex-col gap-3 border-t border-slate-100 pt-4">
      <div class="flex items-center justify-between gap-2">
        <h3 class="text-sm font-semibold tracking-wide text-slate-500 uppercase">Live preview</h3>
        <Show when={props.loading}>
          <Spinner size="sm" label="Updating preview…" class="text-indigo-600" />
        </Show>
      </div>
      <p class="text-xs text-slate-500">Rendered with sample data for you, as recipients get it. Nothing is sent.</p>
      <Show when={props.error}>
        <Alert tone="error">{props.error}</Alert>
      </Show>
      <Show when={problems().length > 0}>
        <Alert tone="warning" title="Problems">
          <ul class="list-disc space-y-1 pl-4">
            <For each={problems()}>{(p) => <li class="break-words">{p}</li>}</For>
          </ul>
        </Alert>
      </Show>
      <Show when={removed().length > 0}>
        <Alert tone="warning" title="Removed from the HTML">
          <p>These are never sent, and saving removes them:</p>
          <ul class="list-disc space-y-1 pl-4">
            <For each={removed()}>{(r) => <li class="break-words">{r}</li>}</For>
          </ul>
        </Alert>
      </Show>
      <Show when={props.preview}>
        {(p) => (
          <div class={`flex flex-col gap-3 ${props.stale ? "opacity-60" : ""}`} data-testid="template-preview">
            <Switch>
              <Match when={props.channel === "sms"}>
                <div class="max-w-sm self-start rounded-2xl rounded-bl-sm bg-slate-100 px-4 py-3 text-sm break-words whitespace-pre-wrap text-slate-900">
                  {p().text}
                </div>
                <Show when={props.segments !== null}>
                  <p class={`text-sm ${(props.segments ?? 0) > 2 ? "font-medium text-red-700" : "text-slate-600"}`}>
                    {plural(props.segments ?? 0, "SMS segment")} · {plural(p().text.length, "character")}
                    <Show when={(props.segments ?? 0) > 2}> — texts are limited to 2 segments; shorten it.</Show>
                  </p>
                </Show>
              </Match>
              <Match when={true}>
                <dl class="flex flex-col gap-1 text-sm">
                  <dt class="text-xs font-medium text-slate-500">{props.channel === "in_app" ? "Title" : "Subject"}</dt>
                  <dd class="font-medium break-words text-slate-900">{p().subject || <span class="text-slate-500">(empty)</span>}</dd>
                </dl>
                <Show when={p().html}>
                  {(h) => (
                    <div class="flex flex-col gap-1">
                      <p class="text-xs font-medium text-slate-500">HTML version</p>
                      {/* sandbox="" : no scripts, no forms, no navigation, an opaque origin. The page never parses it. */}
                      <iframe
                        title="HTML preview of the email"
                        sandbox=""
                        srcdoc={h()}
                        class="h-80 w-full rounded-lg bg-white ring-1 ring-slate-200"
                      />
                    </div>
                  )}
                </Show>
                <div class="flex flex-col gap-1">
                  <p class="text-xs font-medium text-slate-500">{props.channel === "email" ? "Plain-text version" : "Text"}</p>
                  <pre class="max-h-80 overflow-auto rounded-lg bg-slate-50 p-3 font-sans text-sm break-words whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200">
                    {p().text}
                  </pre>
                </div>
              </Match>
            </Switch>
          </div>
        )}
      </Show>
    </section>
  );
}
