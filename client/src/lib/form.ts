import { createSignal } from "solid-js";
import type { z } from "zod";
import { errorMessage, type FieldErrors, fieldErrorsOf } from "./errors";

/** The shared schemas word their own rules; zod's built-in type messages are replaced by plain ones. */
function friendlyMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return issue.expected === "number" ? "Enter a whole number." : "This field is required.";
  if (issue.code === "invalid_value") return "Choose one of the options.";
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

/**
 * Error state of one form: messages per field path plus a summary for the top of the form. Client-side
 * validation uses the same zod schema as the tRPC input, so both sides speak the same field paths.
 */
export function createFormErrors() {
  const [fields, setFields] = createSignal<FieldErrors>({});
  const [summary, setSummary] = createSignal<string | null>(null);

  function setFieldErrors(errors: FieldErrors, shown: (path: string) => boolean = () => true) {
    setFields(errors);
    const hidden = Object.entries(errors)
      .filter(([k]) => !shown(k))
      .flatMap(([, v]) => v);
    setSummary(hidden.length > 0 ? hidden.join(" ") : "Check the highlighted fields.");
  }

  return {
    fields,
    summary,
    /** The first message for a field path, if any. */
    field: (path: string): string | undefined => fields()[path]?.[0],
    /** The first message at `prefix` or below it ("common.languages" also finds "common.languages.2"). */
    under: (prefix: string): string | undefined =>
      Object.entries(fields()).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1][0],
    /** True when any error path starts with `prefix` (for finding the wizard step that holds an error). */
    hasUnder: (prefix: string) => Object.keys(fields()).some((k) => k === prefix || k.startsWith(`${prefix}.`)),
    clear() {
      setFields({});
      setSummary(null);
    },
    clearField(path: string) {
      if (!fields()[path]) return;
      const { [path]: _removed, ...rest } = fields();
      setFields(rest);
    },
    /**
     * Validates `data` with `schema`; on failure shows the field errors and returns undefined. `shown` lists
     * the field paths the form displays; messages for other paths go to the summary so none is lost.
     */
    parse<S extends z.ZodType>(schema: S, data: unknown, opts: { prefix?: string; shown?: (path: string) => boolean } = {}) {
      const result = schema.safeParse(data);
      if (result.success) return result.data as z.output<S>;
      setFieldErrors(zodFieldErrors(result.error, opts.prefix), opts.shown);
      return undefined;
    },
    setFieldErrors,
    setSummary,
    /** Shows a server error: its field errors next to the fields and a readable summary. */
    fromServer(err: unknown, shown: (path: string) => boolean = () => true) {
      const fe = fieldErrorsOf(err);
      setFields(fe);
      const hidden = Object.entries(fe)
        .filter(([k]) => !shown(k))
        .flatMap(([, v]) => v);
      const base = errorMessage(err);
      setSummary(hidden.length > 0 ? hidden.join(" ") : base);
    },
  };
}

export type FormErrors = ReturnType<typeof createFormErrors>;

/** "a, b ,, c" -> ["a", "b", "c"] for comma-separated tag inputs. */
export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
