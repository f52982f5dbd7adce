import { createEffect, createMemo, createSignal, untrack } from "solid-js";
import type { z } from "zod";
import { errorMessage, type FieldErrors, fieldErrorsOf } from "./errors";

/**
 * zod's built-in type messages ("Invalid input: expected string…") are replaced by plain ones; a message the
 * shared schema words itself ("Choose your level.") is kept, since it names the field.
 */
function friendlyMessage(issue: z.core.$ZodIssue): string {
  const isBuiltIn = /^Invalid (input|option)/.test(issue.message);
  if (issue.code === "invalid_type" && isBuiltIn) return issue.expected === "number" ? "Enter a whole number." : "This field is required.";
  if (issue.code === "invalid_value" && isBuiltIn) return "Choose one of the options.";
  return issue.message;
}

/** Turns zod issues into field path -> messages, the same shape the server sends in `data.fieldErrors`. */
export function zodFieldErrors(error: z.ZodError, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = prefix + (issue.path.map(String).join(".") || "_");
    out[key] = [...(out[key] ?? []), friendlyMessage(issue)];
  }
  return out;
}

/** The field errors `data` has under `schema` (none when it is valid), for a form's live check. */
export function issuesOf(schema: z.ZodType, data: unknown, prefix = ""): FieldErrors {
  const result = schema.safeParse(data);
  return result.success ? {} : zodFieldErrors(result.error, prefix);
}

const isUnder = (key: string, path: string) => key === path || key.startsWith(`${path}.`);

/** Moves focus to the first field marked invalid inside `root`, so a failed submit lands where the fix is. */
export function focusFirstInvalid(root: ParentNode | undefined): boolean {
  const el = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  el?.focus();
  return !!el;
}

/**
 * Error state of one form: messages per field path plus a summary for the top of the form. Client-side
 * validation uses the same zod schema as the tRPC input, so both sides speak the same field paths.
 *
 * With `live(check)` the form validates as people type: a field's errors show once it has been left (`touch`)
 * or after the first submit attempt (`parse` / `showAll`), and from then on follow its value, clearing the moment
 * it is valid. Errors the server sent describe the values that were sent, so they go as soon as the form changes.
 */
export function createFormErrors() {
  const [clientFields, setClientFields] = createSignal<FieldErrors>({});
  const [serverFields, setServerFields] = createSignal<FieldErrors>({});
  // A message set from outside (a server refusal, a form's own words); otherwise the summary follows the fields.
  const [givenSummary, setGivenSummary] = createSignal<string | null>(null);
  const [touched, setTouched] = createSignal<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = createSignal(false);
  const [shownPaths, setShownPaths] = createSignal<(path: string) => boolean>(() => true);
  const fields = createMemo<FieldErrors>(() => ({ ...clientFields(), ...serverFields() }));
  // The live check's latest result; undefined until `live` is called.
  let current: (() => FieldErrors) | undefined;

  function summaryOf(errors: FieldErrors, shown: (path: string) => boolean): string | null {
    if (Object.keys(errors).length === 0) return null;
    const hidden = Object.entries(errors)
      .filter(([k]) => !shown(k))
      .flatMap(([, v]) => v);
    return hidden.length > 0 ? hidden.join(" ") : "Check the highlighted fields.";
  }
  // After a submit attempt the summary says what is still wrong, and goes once everything is fixed.
  const summary = createMemo(() => givenSummary() ?? (attempted() ? summaryOf(clientFields(), shownPaths()) : null));

  function setFieldErrors(errors: FieldErrors, shown?: (path: string) => boolean) {
    if (shown) setShownPaths(() => shown);
    setServerFields({});
    setGivenSummary(null);
    setAttempted(true);
    setClientFields(errors);
  }

  const api = {
    fields,
    summary,
    /** The first message for a field path, if any. */
    field: (path: string): string | undefined => fields()[path]?.[0],
    /** The first message at `prefix` or below it ("common.languages" also finds "common.languages.2"). */
    under: (prefix: string): string | undefined => Object.entries(fields()).find(([k]) => isUnder(k, prefix))?.[1][0],
    /** True when any error path starts with `prefix` (for finding the wizard step that holds an error). */
    hasUnder: (prefix: string) => Object.keys(fields()).some((k) => isUnder(k, prefix)),
    /** Forgets errors, touched fields and the submit attempt (a new step, a closed dialog). */
    clear() {
      setClientFields({});
      setServerFields({});
      setGivenSummary(null);
      setTouched(new Set<string>());
      setAttempted(false);
    },
    clearField(path: string) {
      const drop = (all: FieldErrors) => Object.fromEntries(Object.entries(all).filter(([k]) => k !== path));
      setClientFields(drop);
      setServerFields(drop);
    },
    /**
     * Validates as people type. `check` reads the form's current values and returns their errors (use
     * `issuesOf` with the operation's schema); it re-runs whenever a value it read changes.
     */
    live(check: () => FieldErrors, opts: { shown?: (path: string) => boolean } = {}) {
      if (opts.shown) setShownPaths(() => opts.shown ?? (() => true));
      const latest = createMemo(check);
      current = latest;
      let seen: FieldErrors | undefined;
      createEffect(() => {
        const all = latest();
        const isAttempted = attempted();
        const touchedNow = touched();
        untrack(() => {
          // A new result object means a value changed (not just that a field was left): what the server said
          // about the values it was sent no longer applies.
          if (seen !== undefined && all !== seen) {
            setServerFields({});
            setGivenSummary(null);
          }
          seen = all;
          setClientFields(
            isAttempted ? all : Object.fromEntries(Object.entries(all).filter(([k]) => [...touchedNow].some((p) => isUnder(k, p)))),
          );
        });
      });
    },
    /** A field was left: from now on its errors show and follow its value. */
    touch(path: string) {
      if (touched().has(path)) return;
      setTouched(new Set([...touched(), path]));
    },
    /**
     * A submit attempt with the live check: every error shows from now on. Returns true when the form is valid.
     * Needs `live` first.
     */
    showAll(): boolean {
      const all = current?.() ?? {};
      setFieldErrors(all);
      return Object.keys(all).length === 0;
    },
    /**
     * Validates `data` with `schema`; on failure shows the field errors and returns undefined. `shown` lists
     * the field paths the form displays; messages for other paths go to the summary so none is lost. Counts as
     * a submit attempt, so with `live` every error follows its value from here on.
     */
    parse<S extends z.ZodType>(schema: S, data: unknown, opts: { prefix?: string; shown?: (path: string) => boolean } = {}) {
      const result = schema.safeParse(data);
      setFieldErrors(result.success ? {} : zodFieldErrors(result.error, opts.prefix), opts.shown);
      return result.success ? (result.data as z.output<S>) : undefined;
    },
    setFieldErrors,
    /** A message for the top of the form, shown until the form changes or is cleared. */
    setSummary: (message: string | null) => setGivenSummary(message),
    /** Shows a server error: its field errors next to the fields and a readable summary. */
    fromServer(err: unknown, shown: (path: string) => boolean = () => true) {
      const fe = fieldErrorsOf(err);
      setServerFields(fe);
      const hidden = Object.entries(fe)
        .filter(([k]) => !shown(k))
        .flatMap(([, v]) => v);
      setGivenSummary(hidden.length > 0 ? hidden.join(" ") : errorMessage(err));
    },
  };
  return api;
}

export type FormErrors = ReturnType<typeof createFormErrors>;

/** "a, b ,, c" -> ["a", "b", "c"] for comma-separated tag inputs. */
export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
