import {
  cancelOfficeHoursInput,
  editOfficeHoursInput,
  MAX_SEATS,
  moveOfficeHoursInput,
} from "@shared/modules/office-hours/office-hours.schema";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, type JSX, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { RequiredFieldsNote } from "../../components/ui/field";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors, type FormErrors, focusFirstInvalid, issuesOf } from "../../lib/form";
import { plural } from "../../lib/plural";
import { trpc } from "../../lib/trpc";
import { isoToLocal, localToIso, type OfficeHours, refreshOfficeHours, toNumber } from "./queries";

export type ManageMode = "edit" | "move" | "cancel";

/** One dialog frame for the host's three changes: a form, its summary error and the submit button. */
function ManageFrame(props: {
  title: string;
  description: string;
  errors: FormErrors;
  pending: boolean;
  submitLabel: string;
  danger?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: JSX.Element;
}) {
  let form: HTMLFormElement | undefined;
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()} title={props.title} description={props.description}>
      <form
        ref={form}
        class="flex flex-col gap-4"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
          focusFirstInvalid(form);
        }}
      >
        <RequiredFieldsNote />
        <Show when={props.errors.summary()}>
          <Alert tone="error">{props.errors.summary()}</Alert>
        </Show>
        {props.children}
        <div class="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => props.onClose()}>
            Close
          </Button>
          <Button type="submit" variant={props.danger ? "danger" : "primary"} loading={props.pending}>
            {props.submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function useChange<I>(errors: FormErrors, shown: (path: string) => boolean, call: (input: I) => Promise<unknown>, onDone: () => void) {
  return createMutation(() => ({
    mutationFn: call,
    onSuccess: async () => {
      await refreshOfficeHours();
      onDone();
    },
    onError: (err: unknown) => errors.fromServer(err, shown),
  }));
}

function EditDialog(props: { session: OfficeHours; onClose: () => void }) {
  const [title, setTitle] = createSignal(props.session.title);
  const [capacity, setCapacity] = createSignal(String(props.session.capacity));
  const [description, setDescription] = createSignal(props.session.description);
  const errors = createFormErrors();
  const shown = (p: string) => ["title", "capacity", "description"].includes(p);
  errors.live(
    () =>
      issuesOf(editOfficeHoursInput, {
        sessionId: props.session.id,
        title: title(),
        capacity: toNumber(capacity()),
        description: description(),
      }),
    { shown },
  );
  const save = useChange(
    errors,
    shown,
    (input: Parameters<typeof trpc.officeHours.edit.mutate>[0]) => trpc.officeHours.edit.mutate(input),
    props.onClose,
  );
  return (
    <ManageFrame
      title="Edit office hours"
      description={`${plural(props.session.seatsTaken, "seat")} ${props.session.seatsTaken === 1 ? "is" : "are"} taken; you cannot offer fewer.`}
      errors={errors}
      pending={save.isPending}
      submitLabel="Save"
      onClose={props.onClose}
      onSubmit={() => {
        const input = errors.parse(
          editOfficeHoursInput,
          { sessionId: props.session.id, title: title(), capacity: toNumber(capacity()), description: description() },
          { shown },
        );
        if (input) save.mutate(input);
      }}
    >
      <TextField
        label="Title"
        value={title()}
        onInput={setTitle}
        onBlur={() => errors.touch("title")}
        error={errors.field("title")}
        required
      />
      <TextField
        label="Seats"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_SEATS}
        value={capacity()}
        onInput={setCapacity}
        onBlur={() => errors.touch("capacity")}
        error={errors.field("capacity")}
        required
      />
      <TextField
        label="Description"
        rows={3}
        required={false}
        value={description()}
        onInput={setDescription}
        onBlur={() => errors.touch("description")}
        error={errors.field("description")}
      />
    </ManageFrame>
  );
}

function MoveDialog(props: { session: OfficeHours; onClose: () => void }) {
  const initial = isoToLocal(props.session.start);
  const [date, setDate] = createSignal(initial.date);
  const [time, setTime] = createSignal(initial.time);
  const [reason, setReason] = createSignal("");
  const errors = createFormErrors();
  const shown = (p: string) => ["start", "reason"].includes(p);
  errors.live(() => issuesOf(moveOfficeHoursInput, { sessionId: props.session.id, start: localToIso(date(), time()), reason: reason() }), {
    shown,
  });
  const move = useChange(
    errors,
    shown,
    (input: Parameters<typeof trpc.officeHours.move.mutate>[0]) => trpc.officeHours.move.mutate(input),
    props.onClose,
  );
  return (
    <ManageFrame
      title="Move office hours"
      description="Everyone with a seat gets the new time and an updated calendar invite. If the new time clashes with someone's other session, nothing moves and you are told who."
      errors={errors}
      pending={move.isPending}
      submitLabel="Move"
      onClose={props.onClose}
      onSubmit={() => {
        const input = errors.parse(
          moveOfficeHoursInput,
          { sessionId: props.session.id, start: localToIso(date(), time()), reason: reason() },
          { shown },
        );
        if (input) move.mutate(input);
      }}
    >
      <div class="grid gap-4 sm:grid-cols-2">
        <TextField
          label="New date"
          type="date"
          value={date()}
          onInput={setDate}
          onBlur={() => errors.touch("start")}
          error={errors.field("start")}
          required
        />
        <TextField label="New start time" type="time" value={time()} onInput={setTime} required />
      </div>
      <TextField
        label="Reason"
        value={reason()}
        onInput={setReason}
        onBlur={() => errors.touch("reason")}
        error={errors.field("reason")}
        required
      />
    </ManageFrame>
  );
}

function CancelDialog(props: { session: OfficeHours; onClose: () => void }) {
  const [reason, setReason] = createSignal("");
  const errors = createFormErrors();
  const shown = (p: string) => p === "reason";
  errors.live(() => issuesOf(cancelOfficeHoursInput, { sessionId: props.session.id, reason: reason() }), { shown });
  const cancel = useChange(
    errors,
    shown,
    (input: Parameters<typeof trpc.officeHours.cancel.mutate>[0]) => trpc.officeHours.cancel.mutate(input),
    props.onClose,
  );
  return (
    <ManageFrame
      title="Cancel office hours"
      description={`${props.session.seatsTaken} ${props.session.seatsTaken === 1 ? "person is" : "people are"} told, with a calendar cancellation.`}
      errors={errors}
      pending={cancel.isPending}
      submitLabel="Cancel office hours"
      danger
      onClose={props.onClose}
      onSubmit={() => {
        const input = errors.parse(cancelOfficeHoursInput, { sessionId: props.session.id, reason: reason() }, { shown });
        if (input) cancel.mutate(input);
      }}
    >
      <TextField
        label="Reason"
        value={reason()}
        onInput={setReason}
        onBlur={() => errors.touch("reason")}
        error={errors.field("reason")}
        required
      />
    </ManageFrame>
  );
}

/** The host's (or staff's) change dialog for one session. */
export function ManageDialog(props: { mode: ManageMode; session: OfficeHours; onClose: () => void }) {
  return (
    <>
      <Show when={props.mode === "edit"}>
        <EditDialog session={props.session} onClose={props.onClose} />
      </Show>
      <Show when={props.mode === "move"}>
        <MoveDialog session={props.session} onClose={props.onClose} />
      </Show>
      <Show when={props.mode === "cancel"}>
        <CancelDialog session={props.session} onClose={props.onClose} />
      </Show>
    </>
  );
}
