/** Calendar connections (being built). */
export default function CalendarSettingsPage() {
  return <p>Calendar connections</p>;
}
