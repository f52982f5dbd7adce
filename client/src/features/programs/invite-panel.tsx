import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Dialog } from "../../components/ui/dialog";
import { errorMessage } from "../../lib/errors";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { formatInviteCode, joinModeLabels, type Program } from "./queries";

type Kind = "link" | "code";

function CopyRow(props: { label: string; value: string; mono?: boolean; onRegenerate: () => void }) {
  const [copied, setCopied] = createSignal(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div class="flex flex-col gap-1.5">
      <span class="text-sm font-medium text-slate-800">{props.label}</span>
      <div class="flex flex-wrap items-center gap-2">
        <output
          class={`min-w-0 flex-1 truncate rounded-lg bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200 ${props.mono ? "font-mono tracking-wider" : ""}`}
        >
          {props.value}
        </output>
        <Button size="sm" variant="secondary" onClick={() => void copy()}>
          {copied() ? "Copied" : "Copy"}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => props.onRegenerate()}>
          New {props.label.toLowerCase()}
        </Button>
      </div>
    </div>
  );
}

/** The invite link and code for staff: copy them, or replace one so old invitations stop working. */
export function InvitePanel(props: { program: Program }) {
  const [confirming, setConfirming] = createSignal<Kind | null>(null);
  const [message, setMessage] = createSignal<{ tone: "success" | "error"; text: string } | null>(null);
  const regenerate = createMutation(() => ({
    mutationFn: (kind: Kind) => trpc.program.regenerateInvite.mutate({ programId: props.program.id, kind }),
    onSuccess: (_r, kind) => {
      setConfirming(null);
      setMessage({
        tone: "success",
        text:
          kind === "link"
            ? "A new invite link is ready; the old one no longer works."
            : "A new invite code is ready; the old one no longer works.",
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs });
    },
    onError: (err) => {
      setConfirming(null);
      setMessage({ tone: "error", text: errorMessage(err) });
    },
  }));

  return (
    <Show when={props.program.invite}>
      {(invite) => (
        <Card
          title="Invite people"
          description={`${joinModeLabels[props.program.joinMode]}${props.program.requiresApproval ? ", approval required" : ""}.`}
        >
          <div class="flex flex-col gap-4">
            <Show when={message()}>{(m) => <Alert tone={m().tone}>{m().text}</Alert>}</Show>
            <Show when={props.program.status !== "active"}>
              <Alert tone="warning">
                {props.program.status === "archived" ? "This program is archived:" : "This program is a draft:"} nobody can join until it is
                active.
              </Alert>
            </Show>
            <Show when={props.program.joinMode !== "invite_code"}>
              <CopyRow label="Invite link" value={invite().link} onRegenerate={() => setConfirming("link")} />
            </Show>
            <Show when={props.program.joinMode !== "invite_link"}>
              <CopyRow label="Invite code" value={formatInviteCode(invite().code)} mono onRegenerate={() => setConfirming("code")} />
              <p class="text-xs text-slate-500">People enter the code on the Join page ({`${location.origin}/join`}).</p>
            </Show>
          </div>
          <Dialog
            open={confirming() !== null}
            onOpenChange={(open) => !open && setConfirming(null)}
            title={confirming() === "link" ? "Make a new invite link?" : "Make a new invite code?"}
            description={`The current ${confirming() === "link" ? "link" : "code"} stops working at once. People who already joined stay members.`}
            footer={
              <>
                <Button variant="secondary" onClick={() => setConfirming(null)}>
                  Cancel
                </Button>
                <Button
                  loading={regenerate.isPending}
                  onClick={() => {
                    const kind = confirming();
                    if (kind) regenerate.mutate(kind);
                  }}
                >
                  Make a new one
                </Button>
              </>
            }
          />
        </Card>
      )}
    </Show>
  );
}
