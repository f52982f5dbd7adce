import { A, useParams } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { Match, Switch } from "solid-js";
import { Alert, RetryAlert } from "../components/ui/alert";
import { buttonClass } from "../components/ui/button";
import { PageHeader } from "../components/ui/page-header";
import { LoadingBlock } from "../components/ui/spinner";
import { BookingView } from "../features/booking/booking-view";
import { bookingQueries } from "../features/booking/queries";
import { errorMessage } from "../lib/errors";
import { useMe } from "../lib/session";
import { usePageTitle } from "../lib/title";

/** /book/:matchId: the pair's free times; the mentee (or the mentor) books one. */
export default function BookPage() {
  const params = useParams<{ matchId: string }>();
  const me = useMe();
  const matches = createQuery(() => bookingQueries.myMatches());
  const match = () => matches.data?.find((m) => m.matchId === params.matchId);
  usePageTitle(() => (match() ? `Book a session with ${match()!.partner.name}` : "Book a session"));

  return (
    <>
      <PageHeader
        title={match() ? `Book a session with ${match()!.partner.name}` : "Book a session"}
        description={match() ? `${match()!.programName}. Choose a free time to book it.` : undefined}
      />
      <Switch>
        <Match when={matches.isPending || me.isPending}>
          <LoadingBlock label="Loading your matches…" />
        </Match>
        <Match when={matches.isError}>
          <RetryAlert message={errorMessage(matches.error)} onRetry={() => matches.refetch()} />
        </Match>
        <Match when={match()}>{(m) => <BookingView match={m()} myName={me.data?.name ?? ""} />}</Match>
        <Match when={!match()}>
          <Alert
            tone="warning"
            title="Nothing to book here"
            actions={
              <A href="/calendar" class={buttonClass("secondary", "sm")}>
                My calendar
              </A>
            }
          >
            Sessions are booked for your own active matches only. This match is not one of them, or it is paused or closed.
          </Alert>
        </Match>
      </Switch>
    </>
  );
}
