import { createQuery } from "@tanstack/solid-query";
import { Match, Switch } from "solid-js";
import { Alert } from "../components/ui/alert";
import { PageHeader } from "../components/ui/page-header";
import { LoadingBlock } from "../components/ui/spinner";
import { AvailabilityEditor } from "../features/calendar/availability-editor";
import { calendarQueries } from "../features/calendar/queries";
import { appCodeOf, errorMessage } from "../lib/errors";
import { usePageTitle } from "../lib/title";
import { useSignedInMe } from "./me-context";

/**
 * A mentor's bookable times. People who mentor in no program get an explanation without asking the server (which
 * would answer FORBIDDEN, and the browser would log the refused request).
 */
export default function AvailabilityPage() {
  usePageTitle(() => "Availability");
  const me = useSignedInMe();
  const mentors = () => me().roles.includes("mentor");
  const availability = createQuery(() => ({ ...calendarQueries.availability(), enabled: mentors() }));
  return (
    <>
      <PageHeader title="Availability" description="When mentees can book sessions with you, and the rules for booking." />
      <Switch>
        <Match when={!mentors() || (availability.isError && appCodeOf(availability.error) === "FORBIDDEN")}>
          <Alert tone="info" title="Only mentors set bookable times">
            You are not a mentor in any program yet. Once a program approves you as a mentor, you can set your times here.
          </Alert>
        </Match>
        <Match when={availability.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={availability.isError}>
          <Alert tone="error">{errorMessage(availability.error)}</Alert>
        </Match>
        <Match when={availability.data}>{(data) => <AvailabilityEditor availability={data()} />}</Match>
      </Switch>
    </>
  );
}
