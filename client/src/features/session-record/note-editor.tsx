import { createEffect, createSignal, type JSX, on, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { TextField } from "../../components/ui/text-field";
import { appCodeOf, errorMessage } from "../../lib/errors";

/**
 * One text of the record (agenda, shared notes or a private note). The draft is the person's own until saved:
 * a live refresh updates it only while it has no unsaved changes. A save carries the version the draft was
 * based on; when someone saved in between, the server refuses and the draft stays, with a way to merge.
 */
export function NoteEditor(props: {
  label: string;
  description?: JSX.Element;
  value: string;
  version: Date | null;
  canEdit: boolean;
  saveLabel: string;
  rows?: number;
  save: (text: string, version: Date | null) => Promise<{ updatedAt: Date }>;
  /** Fetches the record again: after a save, and for the newer version after a refused one. */
  refresh: () => void;
}) {
  const [draft, setDraft] = createSignal(props.value);
  const [base, setBase] = createSignal<Date | null>(props.version);
  const [baseText, setBaseText] = createSignal(props.value);
  const [state, setState] = createSignal<"idle" | "saving" | "saved">("idle");
  const [error, setError] = createSignal<unknown>(null);
  const dirty = () => draft() !== baseText();

  createEffect(
    on(
      () => [props.value, props.version?.getTime()] as const,
      () => {
        if (!dirty()) {
          setDraft(props.value);
          setBaseText(props.value);
          setBase(props.version);
        } else if (props.value === baseText()) {
          // The version moved for another part of the record (the agenda saved beside these notes): this text is
          // unchanged, so the draft is still based on the latest and keeps its place.
          setBase(props.version);
        }
      },
    ),
  );

  async function save() {
    setState("saving");
    setError(null);
    try {
      const text = draft();
      const saved = await props.save(text, base());
      setBase(saved.updatedAt);
      setBaseText(text);
      setState("saved");
      props.refresh();
    } catch (err) {
      setError(err);
      setState("idle");
      if (appCodeOf(err) === "CONFLICT") props.refresh();
    }
  }

  /** Puts the latest saved text first and the person's own text after it, to be merged by hand and saved. */
  function reloadAndMerge() {
    const mine = draft();
    setBase(props.version);
    setBaseText(props.value);
    setDraft(props.value === mine ? mine : `${props.value}\n\n${mine}`);
    setError(null);
  }

  return (
    <div class="flex flex-col gap-2">
      <TextField
        label={props.label}
        description={props.description}
        value={draft()}
        onInput={(v) => {
          setDraft(v);
          if (state() === "saved") setState("idle");
        }}
        rows={props.rows ?? 5}
        disabled={!props.canEdit}
        maxLength={20_000}
      />
      <Show when={error()}>
        {(err) => (
          <Alert
            tone="error"
            actions={
              <Show when={appCodeOf(err()) === "CONFLICT" && props.version?.getTime() !== base()?.getTime()}>
                <Button size="sm" variant="secondary" onClick={reloadAndMerge}>
                  Reload and merge
                </Button>
              </Show>
            }
          >
            {errorMessage(err())}
          </Alert>
        )}
      </Show>
      <Show when={props.canEdit}>
        <div class="flex items-center gap-3">
          <Button size="sm" onClick={save} loading={state() === "saving"} disabled={!dirty()}>
            {props.saveLabel}
          </Button>
          <span role="status" class="text-sm text-slate-600">
            {state() === "saved" && !dirty() ? "Saved" : dirty() ? "Unsaved changes" : ""}
          </span>
        </div>
      </Show>
    </div>
  );
}
