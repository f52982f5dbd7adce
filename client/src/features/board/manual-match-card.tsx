import { createManualInput } from "@shared/modules/match/match.schema";
import { reasonsFor } from "@shared/modules/matching/score-reasons";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Select } from "../../components/ui/select";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { createDebounced } from "../../lib/debounced";
import { appCodeOf, errorMessageWithFields } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { trpc } from "../../lib/trpc";
import { type Board, boardQueries, refreshBoard } from "./queries";
import { ScoreBreakdown } from "./score-breakdown";

const matches = (name: string, q: string) => name.toLowerCase().includes(q.trim().toLowerCase());

/** A searchable pick list: a search box narrowing a native select. */
function PersonPicker(props: {
  label: string;
  people: { id: string; label: string; name: string }[];
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
}) {
  const [q, setQ] = createSignal("");
  const options = () =>
    props.people.filter((p) => p.id === props.value || matches(p.name, q())).map((p) => ({ value: p.id, label: p.label }));
  return (
    <div class="flex flex-col gap-2">
      <TextField label={`Search ${props.label.toLowerCase()}s`} type="search" value={q()} onInput={setQ} placeholder="Type a name" />
      <Select
        label={props.label}
        value={props.value}
        onChange={props.onChange}
        options={options()}
        placeholder={`Choose a ${props.label.toLowerCase()}`}
        error={props.error}
      />
    </div>
  );
}

/** Pick a mentee and a mentor, see the score and any problem, then match them (with a reason when the mentor is full). */
export function ManualMatchCard(props: { board: Board }) {
  const programId = () => props.board.program.id;
  const [menteeId, setMenteeId] = createSignal("");
  const [mentorId, setMentorId] = createSignal("");
  const [override, setOverride] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [askOverride, setAskOverride] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const errors = createFormErrors();
  const pair = createDebounced(() => ({ programId: programId(), mentorId: mentorId(), menteeId: menteeId() }), 150);
  const preview = createQuery(() => ({ ...boardQueries.preview(pair()), enabled: !!pair().mentorId && !!pair().menteeId }));

  const mentees = () => props.board.unmatchedMentees.map((m) => ({ id: m.id, name: m.name, label: m.name }));
  const mentors = () =>
    props.board.mentors.map((m) => ({
      id: m.id,
      name: m.name,
      label: `${m.name} (${m.load} of ${m.capacity}${m.isReady ? "" : ", not ready"})`,
    }));
  const needsOverride = () => askOverride() || !!preview.data?.needsOverride;

  const create = createMutation(() => ({
    mutationFn: () => {
      const input = errors.parse(createManualInput, {
        programId: programId(),
        mentorId: mentorId(),
        menteeId: menteeId(),
        capacityOverrideReason: needsOverride() ? override() : undefined,
        reason: reason() || undefined,
      });
      if (!input) throw new Error("invalid");
      return trpc.match.createManual.mutate(input);
    },
    onMutate: () => {
      setNotice(null);
      errors.clear();
    },
    onSuccess: () => {
      const mentee = props.board.unmatchedMentees.find((m) => m.id === menteeId())?.name ?? "The mentee";
      setNotice(`${mentee} is matched. Both people are told.`);
      setMenteeId("");
      setMentorId("");
      setOverride("");
      setReason("");
      setAskOverride(false);
      void refreshBoard();
    },
    onError: (err) => {
      if (err instanceof Error && err.message === "invalid") return;
      // The mentor filled up since the preview: ask for the reason instead of showing a bare conflict.
      if (appCodeOf(err) === "CONFLICT" && /override reason/.test(err.message)) {
        setAskOverride(true);
        errors.setFieldErrors({ capacityOverrideReason: ["This mentor is full. Give a reason to override their capacity."] });
        return;
      }
      errors.fromServer(err, (path) => ["menteeId", "mentorId", "capacityOverrideReason", "reason"].includes(path));
    },
  }));

  return (
    <Card title="Match manually" description="Pick a mentee and a mentor to see how well they fit before matching them.">
      <div class="flex flex-col gap-4">
        <Show when={notice()}>
          <Alert tone="success">{notice()}</Alert>
        </Show>
        <div class="grid gap-4 sm:grid-cols-2">
          <PersonPicker label="Mentee" people={mentees()} value={menteeId()} onChange={setMenteeId} error={errors.field("menteeId")} />
          <PersonPicker label="Mentor" people={mentors()} value={mentorId()} onChange={setMentorId} error={errors.field("mentorId")} />
        </div>
        <Show when={menteeId() && mentorId()}>
          <Switch>
            <Match when={preview.isPending}>
              <LoadingBlock label="Scoring the pair…" />
            </Match>
            <Match when={preview.isError}>
              <Alert tone="error">{errorMessageWithFields(preview.error)}</Alert>
            </Match>
            <Match when={preview.data}>
              {(p) => (
                <div class="flex flex-col gap-3 rounded-lg bg-slate-50 p-4">
                  <ScoreBreakdown
                    score={{
                      ...p().score,
                      reasons: reasonsFor(p().score.reasons, "staff", { mentorName: p().mentor.name, menteeName: p().mentee.name }),
                    }}
                  />
                  <p class="text-sm text-slate-600">
                    {p().mentor.name} mentors {p().mentor.load} of {p().mentor.capacity}.
                  </p>
                  <Show when={p().problems.length > 0}>
                    <ul class="flex flex-col gap-2" aria-label="Problems with this pair">
                      <For each={p().problems}>
                        {(problem) => (
                          <li>
                            <Alert tone={problem.blocking ? "error" : "warning"}>{problem.message}</Alert>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </div>
              )}
            </Match>
          </Switch>
        </Show>
        <Show when={needsOverride()}>
          <TextField
            label="Reason to override capacity"
            value={override()}
            onInput={setOverride}
            error={errors.field("capacityOverrideReason")}
            description="Recorded on the match and in the activity log."
            maxLength={500}
          />
        </Show>
        <TextField label="Note (optional)" value={reason()} onInput={setReason} error={errors.field("reason")} maxLength={500} />
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <div>
          <Button
            disabled={!menteeId() || !mentorId() || preview.data?.canMatch === false || (needsOverride() && !override().trim())}
            loading={create.isPending}
            onClick={() => create.mutate()}
          >
            Match them
          </Button>
        </div>
      </div>
    </Card>
  );
}
