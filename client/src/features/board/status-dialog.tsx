import { changeStatusInput, statusesNeedingReason } from "@shared/modules/match/match.schema";
import { createMutation } from "@tanstack/solid-query";
import { createEffect, createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { trpc } from "../../lib/trpc";
import { type MatchStatus, refreshBoard } from "./queries";

const verbs: Record<MatchStatus, { title: string; button: string }> = {
  paused: { title: "Pause this match", button: "Pause" },
  active: { title: "Resume this match", button: "Resume" },
  completed: { title: "Complete this match", button: "Complete" },
  ended: { title: "End this match", button: "End match" },
};

/**
 * Asks for the reason of a status change (required to pause or end; both people are told it) and makes it.
 * `target` is null while the dialog is closed.
 */
export function StatusDialog(props: {
  target: { matchId: string; pairLabel: string; to: MatchStatus; reasonRequired?: boolean } | null;
  onClose: () => void;
}) {
  const [reason, setReason] = createSignal("");
  const errors = createFormErrors();
  createEffect(() => {
    if (props.target) {
      setReason("");
      errors.clear();
    }
  });
  const needsReason = () =>
    !!props.target && (props.target.reasonRequired || (statusesNeedingReason as readonly string[]).includes(props.target.to));

  const change = createMutation(() => ({
    mutationFn: () => {
      const t = props.target;
      if (!t) throw new Error("invalid");
      if (needsReason() && !reason().trim()) {
        errors.setFieldErrors({ reason: ["Give a reason; both people will see it."] });
        throw new Error("invalid");
      }
      const input = errors.parse(changeStatusInput, { matchId: t.matchId, to: t.to, reason: reason() });
      if (!input) throw new Error("invalid");
      return trpc.match.changeStatus.mutate(input);
    },
    onSuccess: () => {
      void refreshBoard();
      props.onClose();
    },
    onError: (err) => {
      if (err instanceof Error && err.message === "invalid") return;
      errors.fromServer(err, (p) => p === "reason");
    },
  }));

  return (
    <Dialog
      open={!!props.target}
      onOpenChange={(open) => !open && props.onClose()}
      title={props.target ? verbs[props.target.to].title : ""}
      description={props.target?.pairLabel}
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            Cancel
          </Button>
          <Button variant={props.target?.to === "ended" ? "danger" : "primary"} loading={change.isPending} onClick={() => change.mutate()}>
            {props.target ? verbs[props.target.to].button : ""}
          </Button>
        </>
      }
    >
      <div class="flex flex-col gap-3">
        <TextField
          label={needsReason() ? "Reason" : "Reason (optional)"}
          rows={3}
          value={reason()}
          onInput={setReason}
          error={errors.field("reason")}
          description="Both people are told, and it is kept in the match history."
          maxLength={1000}
        />
        <Show when={errors.summary() && !errors.field("reason")}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
      </div>
    </Dialog>
  );
}
