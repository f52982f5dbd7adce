import { createSignal, createUniqueId, For } from "solid-js";
import { controlClass, describedBy, FieldDescription, FieldError } from "../../components/ui/field";

/** A list of short tags: type and press Enter (or a comma) to add, the × button to remove. */
export function TagInput(props: {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  description?: string;
  error?: string | undefined;
  max?: number;
}) {
  const id = `tags-${createUniqueId()}`;
  const [draft, setDraft] = createSignal("");
  const add = () => {
    const parts = draft()
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.length === 0) return;
    const have = new Set(props.values.map((v) => v.toLowerCase()));
    const fresh = parts.filter((p) => !have.has(p.toLowerCase()));
    props.onChange([...props.values, ...fresh].slice(0, props.max ?? 32));
    setDraft("");
  };
  return (
    <div class="flex flex-col gap-1.5">
      <label for={id} class="text-sm font-medium text-slate-800">
        {props.label}
      </label>
      <ul class="flex flex-wrap gap-1.5" aria-label={`${props.label}: chosen`}>
        <For each={props.values}>
          {(v) => (
            <li class="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-2.5 text-sm text-indigo-800 ring-1 ring-indigo-200 ring-inset">
              {v}
              <button
                type="button"
                class="rounded-full px-1.5 text-indigo-600 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
                aria-label={`Remove ${v}`}
                onClick={() => props.onChange(props.values.filter((x) => x !== v))}
              >
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
      <input
        id={id}
        type="text"
        class={controlClass(!!props.error)}
        value={draft()}
        maxLength={200}
        placeholder="Type and press Enter"
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(id, props.description, props.error)}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === ",") {
            e.preventDefault();
            add();
          }
        }}
        onBlur={add}
      />
      {props.description ? <FieldDescription id={id}>{props.description}</FieldDescription> : null}
      <FieldError id={id} error={props.error} />
    </div>
  );
}
