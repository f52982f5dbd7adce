import { PageHeader } from "../components/ui/page-header";
import { NotificationList } from "../features/notifications/notification-list";
import { usePageTitle } from "../lib/title";

export default function NotificationsPage() {
  usePageTitle(() => "Notifications");
  return (
    <div class="mx-auto max-w-3xl">
      <PageHeader title="Notifications" />
      <NotificationList />
    </div>
  );
}
