import { rematchInput } from "@shared/modules/match/match.schema";
import { useNavigate } from "@solidjs/router";
import { createMutation } from "@tanstack/solid-query";
import { createEffect, createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { appCodeOf } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { trpc } from "../../lib/trpc";
import { type Board, refreshBoard } from "./queries";

/** Ends the mentee's match and starts one with another mentor, in one step. */
export function RematchDialog(props: {
  target: { matchId: string; programId: string; menteeName: string; mentorId: string } | null;
  mentors: Board["mentors"];
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [mentorId, setMentorId] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [override, setOverride] = createSignal("");
  const errors = createFormErrors();
  createEffect(() => {
    if (props.target) {
      setMentorId("");
      setReason("");
      setOverride("");
      errors.clear();
    }
  });
  const options = () =>
    props.mentors
      .filter((m) => m.id !== props.target?.mentorId && m.isReady)
      .map((m) => ({ value: m.id, label: `${m.name} (${m.load} of ${m.capacity})` }));
  const chosenFull = () => {
    const m = props.mentors.find((x) => x.id === mentorId());
    return !!m && m.spare === 0;
  };

  const rematch = createMutation(() => ({
    mutationFn: () => {
      const t = props.target;
      if (!t) throw new Error("invalid");
      const input = errors.parse(rematchInput, {
        matchId: t.matchId,
        mentorId: mentorId(),
        reason: reason(),
        capacityOverrideReason: chosenFull() ? override() : undefined,
      });
      if (!input) throw new Error("invalid");
      return trpc.match.rematch.mutate(input);
    },
    onSuccess: (r) => {
      const programId = props.target?.programId;
      void refreshBoard();
      props.onClose();
      if (programId) navigate(`/programs/${programId}/matches/${r.matchId}`);
    },
    onError: (err) => {
      if (err instanceof Error && err.message === "invalid") return;
      if (appCodeOf(err) === "CONFLICT" && /override reason/.test(err.message)) {
        errors.setFieldErrors({ capacityOverrideReason: ["This mentor is full. Give a reason to override their capacity."] });
        return;
      }
      errors.fromServer(err, (p) => ["mentorId", "reason", "capacityOverrideReason"].includes(p));
    },
  }));

  return (
    <Dialog
      open={!!props.target}
      onOpenChange={(open) => !open && props.onClose()}
      title="Rematch"
      description={props.target ? `${props.target.menteeName} gets a new mentor; the current match ends.` : undefined}
      footer={
        <>
          <Button variant="secondary" onClick={() => props.onClose()}>
            Cancel
          </Button>
          <Button loading={rematch.isPending} onClick={() => rematch.mutate()}>
            Rematch
          </Button>
        </>
      }
    >
      <div class="flex flex-col gap-3">
        <Select
          label="New mentor"
          value={mentorId()}
          onChange={setMentorId}
          options={options()}
          placeholder="Choose a mentor"
          error={errors.field("mentorId")}
        />
        <TextField label="Reason" rows={2} value={reason()} onInput={setReason} error={errors.field("reason")} maxLength={1000} />
        <Show when={chosenFull() || errors.field("capacityOverrideReason")}>
          <TextField
            label="Reason to override capacity"
            value={override()}
            onInput={setOverride}
            error={errors.field("capacityOverrideReason")}
            maxLength={500}
          />
        </Show>
        <Show when={errors.summary() && Object.keys(errors.fields()).length === 0}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
      </div>
    </Dialog>
  );
}
