import { PageHeader } from "../components/ui/page-header";
import { BookWithList } from "../features/booking/book-with-list";
import { SessionCalendar } from "../features/calendar/session-calendar";
import { usePageTitle } from "../lib/title";

/** "My calendar": every session the signed-in person is part of, as mentor or mentee. */
export default function CalendarPage() {
  usePageTitle(() => "My calendar");
  return (
    <>
      <PageHeader
        title="My calendar"
        description="Your mentoring sessions in your time zone. Choose a session for its details; the list view reads best with a keyboard or screen reader."
      />
      <div class="flex flex-col gap-6">
        <BookWithList />
        <SessionCalendar />
      </div>
    </>
  );
}
