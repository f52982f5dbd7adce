import type { JSX } from "solid-js";

export type BadgeTone = "neutral" | "indigo" | "green" | "amber" | "red";

const tones: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-700 ring-red-200",
};

export function Badge(props: { tone?: BadgeTone; children: JSX.Element; class?: string }) {
  return (
    <span
      class={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[props.tone ?? "neutral"]} ${props.class ?? ""}`}
    >
      {props.children}
    </span>
  );
}
