/**
 * A deliberately small template language: `{{ name }}` and `{{ dotted.name }}` only. No logic, no helpers,
 * no code execution. HTML output escapes every value; text output strips control characters.
 */
import { escapeHtml } from "./email-layout";

const VAR = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*(?:\.[a-zA-Z][a-zA-Z0-9_]*)*)\s*\}\}/g;
const ANY_BRACES = /\{\{|\}\}/;

export function variablesIn(template: string): string[] {
  return [...new Set([...template.matchAll(VAR)].map((m) => m[1] as string))];
}

/** Problems with a template: unknown variables and stray braces, each as a sentence. */
export function templateProblems(template: string, allowed: string[]): string[] {
  const problems: string[] = [];
  const unknown = variablesIn(template).filter((v) => !allowed.includes(v));
  for (const v of unknown) problems.push(`Unknown variable {{${v}}}. Available: ${allowed.map((a) => `{{${a}}}`).join(", ")}.`);
  if (ANY_BRACES.test(template.replace(VAR, ""))) problems.push("Unmatched or malformed {{ }} braces.");
  return problems;
}

export type TemplateValues = Record<string, string>;

function lookup(values: TemplateValues, name: string): string {
  return values[name] ?? "";
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function renderText(template: string, values: TemplateValues): string {
  return template.replace(VAR, (_m, name: string) => lookup(values, name).replace(CONTROL, ""));
}

export function renderHtml(template: string, values: TemplateValues): string {
  return template.replace(VAR, (_m, name: string) => escapeHtml(lookup(values, name)));
}
