import { A, useSearchParams } from "@solidjs/router";
import { PageHeader } from "../components/ui/page-header";
import { FeedCard } from "../features/calendar-connections/feed-card";
import { GoogleCalendarCard } from "../features/calendar-connections/google-calendar-card";
import { connectErrors } from "../features/calendar-connections/queries";
import { usePageTitle } from "../lib/title";

/** Your sessions in other calendars: the private subscription link and Google Calendar. */
export default function CalendarSettingsPage() {
  usePageTitle(() => "Calendar connections");
  const [search] = useSearchParams<{ connected?: string; error?: string }>();
  const notice = () =>
    search.connected === "google"
      ? "Google Calendar is connected. Your upcoming sessions will appear there shortly."
      : search.connected === "dev"
        ? "The dev calendar is connected."
        : undefined;
  const error = () =>
    search.error ? (connectErrors[search.error] ?? "Connecting Google Calendar did not work. Please try again.") : undefined;
  return (
    <div class="mx-auto max-w-3xl">
      <PageHeader
        title="Calendar connections"
        description={
          <>
            Keep your mentoring sessions in the calendar you already use. Every session email also carries a calendar file.{" "}
            <A href="/settings" class="text-indigo-700 underline">
              Back to settings
            </A>
          </>
        }
      />
      <div class="flex flex-col gap-6">
        <GoogleCalendarCard notice={notice()} error={error()} />
        <FeedCard />
      </div>
    </div>
  );
}
