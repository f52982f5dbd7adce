import { createMutation, useQueryClient } from "@tanstack/solid-query";
import { For, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { errorMessage } from "../../lib/errors";
import { acceptProposal, bookingKeys, declineProposal, type Proposal, type RequestedSession } from "./queries";
import { otherTimeOf } from "./slot-calendar";

/** The mentee's side: their requests still waiting, and the times the mentor proposed (pick one, or decline). */
export function ProposalsForMentee(props: {
  matchId: string;
  mentorName: string;
  proposals: Proposal[];
  requested: RequestedSession[];
  onAccepted: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: bookingKeys.pending(props.matchId) });
  const accept = createMutation(() => ({
    mutationFn: (input: { proposalId: string; start: string; label: string }) => acceptProposal(input.proposalId, input.start),
    onSuccess: (_session, input) => {
      props.onAccepted(`${input.label}. Confirmed: you both get an email with a calendar invite.`);
      return refresh();
    },
  }));
  const decline = createMutation(() => ({ mutationFn: (id: string) => declineProposal(id), onSuccess: refresh }));
  const requestFor = (p: Proposal) => props.requested.find((s) => s.id === p.sessionId);

  return (
    <>
      <For each={props.proposals}>
        {(p) => (
          <Card title={`${props.mentorName} proposed other times`}>
            <div class="flex flex-col gap-3 text-sm">
              <Show when={requestFor(p)}>{(s) => <p class="text-slate-600">Instead of {s().viewerLocal}, which you asked for.</p>}</Show>
              <Show when={p.message}>
                <p class="whitespace-pre-line text-slate-900">“{p.message}”</p>
              </Show>
              <ul aria-label="Proposed times" class="flex flex-col gap-2">
                <For each={p.times}>
                  {(time) => (
                    <li class="flex flex-col gap-1 sm:flex-row sm:items-center sm:justify-between">
                      <span>
                        <span class="font-medium text-slate-900">{time.viewerLocal}</span>
                        <Show when={otherTimeOf(time)}>{(other) => <span class="block text-slate-600">Their time: {other()}</span>}</Show>
                      </span>
                      <Button
                        size="sm"
                        aria-label={`Accept ${time.viewerLocal}`}
                        loading={accept.isPending && accept.variables?.start === time.start}
                        onClick={() => accept.mutate({ proposalId: p.id, start: time.start, label: time.viewerLocal })}
                      >
                        Accept
                      </Button>
                    </li>
                  )}
                </For>
              </ul>
              <div>
                <Button
                  size="sm"
                  variant="ghost"
                  loading={decline.isPending && decline.variables === p.id}
                  onClick={() => decline.mutate(p.id)}
                >
                  None of these suit me
                </Button>
              </div>
            </div>
          </Card>
        )}
      </For>
      <Show when={accept.isError || decline.isError}>
        <Alert tone="error">{errorMessage(accept.error ?? decline.error)}</Alert>
      </Show>
      <Show when={props.requested.length > 0}>
        <Card title="Waiting for your mentor">
          <ul class="flex flex-col gap-1 text-sm">
            <For each={props.requested}>
              {(s) => (
                <li>
                  {s.viewerLocal}: waiting for {props.mentorName} to confirm.
                </li>
              )}
            </For>
          </ul>
        </Card>
      </Show>
    </>
  );
}
