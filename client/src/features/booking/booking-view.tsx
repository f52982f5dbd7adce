import { MAX_PROPOSED_TIMES } from "@shared/modules/scheduling/scheduling.schema";
import { createQuery } from "@tanstack/solid-query";
import { createSignal, Match, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { errorMessage } from "../../lib/errors";
import { useLiveEvents } from "../../lib/socket";
import { BookingResultNotice } from "./booking-result";
import { type BookingResult, ConfirmBookingDialog } from "./confirm-booking-dialog";
import { ProposalsForMentee } from "./proposals-for-mentee";
import { ProposeTray } from "./propose-tray";
import { type BookableMatch, bookingQueries, type Slot } from "./queries";
import { RequestsForMentor } from "./requests-for-mentor";
import { SlotCalendar } from "./slot-calendar";

type Proposing = { replaces: { id: string; label: string } | null };

/**
 * Booking for one of the caller's matches: the pair's free slots in a week grid; choosing one opens "Confirm
 * booking". The mentor also answers the mentee's requests here and can propose other times picked from the same
 * calendar; the mentee sees proposed times and accepts one. Everything refetches on a live "session:changed".
 */
export function BookingView(props: { match: BookableMatch; myName: string }) {
  const isMentor = () => props.match.myRole === "mentor";
  const pending = createQuery(() => bookingQueries.pending(props.match.matchId));
  const [picked, setPicked] = createSignal<Slot | null>(null);
  const [result, setResult] = createSignal<BookingResult | null>(null);
  let resultEl: HTMLDivElement | undefined;
  const [accepted, setAccepted] = createSignal<string | null>(null);
  const [proposing, setProposing] = createSignal<Proposing | null>(null);
  const [toPropose, setToPropose] = createSignal<Slot[]>([]);
  const [proposalSent, setProposalSent] = createSignal(false);
  let refetchSlots: (() => void) | undefined;
  const mentorName = () => (isMentor() ? props.myName : props.match.partner.name);
  useLiveEvents(
    ["session:changed"],
    () => pending.refetch(),
    () => pending.refetch(),
  );

  function startProposing(replaces: Proposing["replaces"]) {
    setProposalSent(false);
    setToPropose([]);
    setProposing({ replaces });
  }

  function pick(slot: Slot) {
    if (!proposing()) {
      setPicked(slot);
      return;
    }
    const chosen = toPropose();
    if (chosen.some((s) => s.start === slot.start)) setToPropose(chosen.filter((s) => s.start !== slot.start));
    else if (chosen.length < MAX_PROPOSED_TIMES) setToPropose([...chosen, slot]);
  }

  return (
    <div class="flex flex-col gap-4">
      <Show when={result()}>
        {(r) => (
          <div
            ref={resultEl}
            tabIndex={-1}
            class="rounded-lg focus:outline-none focus-visible:outline-solid focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            <BookingResultNotice result={r()} mentorName={mentorName()} isMentor={isMentor()} />
          </div>
        )}
      </Show>
      <Show when={accepted()}>
        {(text) => (
          <Alert tone="success" title="Session booked">
            {text()}
          </Alert>
        )}
      </Show>
      <Show when={proposalSent()}>
        <Alert tone="success" title="Proposal sent">
          {props.match.partner.name} is told and picks one of your times.
        </Alert>
      </Show>
      <Show when={pending.isError}>
        <Alert tone="error">{errorMessage(pending.error)}</Alert>
      </Show>
      <Show when={pending.data}>
        {(p) => (
          <Switch>
            <Match when={isMentor()}>
              <RequestsForMentor
                matchId={props.match.matchId}
                menteeName={props.match.partner.name}
                requested={p().requested}
                onPropose={(s) => startProposing({ id: s.id, label: s.viewerLocal })}
              />
            </Match>
            <Match when={!isMentor()}>
              <ProposalsForMentee
                matchId={props.match.matchId}
                mentorName={props.match.partner.name}
                proposals={p().proposals}
                requested={p().requested}
                onAccepted={(text) => {
                  setAccepted(text);
                  refetchSlots?.();
                }}
              />
            </Match>
          </Switch>
        )}
      </Show>
      <Show
        when={proposing()}
        fallback={
          <Show when={isMentor()}>
            <div>
              <Button variant="secondary" onClick={() => startProposing(null)}>
                Propose times to {props.match.partner.name}
              </Button>
            </div>
          </Show>
        }
      >
        {(p) => (
          <ProposeTray
            matchId={props.match.matchId}
            menteeName={props.match.partner.name}
            replaces={p().replaces}
            picked={toPropose()}
            onRemove={(slot) => setToPropose(toPropose().filter((s) => s.start !== slot.start))}
            onDone={(sent) => {
              setProposing(null);
              setToPropose([]);
              setProposalSent(sent);
            }}
          />
        )}
      </Show>
      <SlotCalendar
        matchId={props.match.matchId}
        partnerName={props.match.partner.name}
        onPick={pick}
        picked={toPropose().map((s) => s.start)}
        controls={(api) => {
          refetchSlots = api.refetch;
        }}
      />
      <ConfirmBookingDialog
        matchId={props.match.matchId}
        partnerName={props.match.partner.name}
        slot={picked()}
        onClose={() => setPicked(null)}
        resultFocus={() => resultEl}
        onBooked={(r) => {
          setPicked(null);
          setAccepted(null);
          setResult(r);
          refetchSlots?.();
        }}
      />
    </div>
  );
}
