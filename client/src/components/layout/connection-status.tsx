import { connectionState } from "../../lib/socket";

const labels = { connected: "Live", connecting: "Connecting…", reconnecting: "Reconnecting…", offline: "Offline" } as const;
const dots = {
  connected: "bg-emerald-500",
  connecting: "bg-amber-400",
  reconnecting: "bg-amber-400 animate-pulse",
  offline: "bg-slate-400",
};

/** The live connection's state as visible text, announced politely when it changes. */
export function ConnectionStatus() {
  return (
    <span
      role="status"
      class="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2 py-1 text-xs font-medium text-slate-700"
      title="Live updates"
    >
      <span class={`size-2 rounded-full ${dots[connectionState()]}`} aria-hidden="true" />
      <span>{labels[connectionState()]}</span>
    </span>
  );
}
