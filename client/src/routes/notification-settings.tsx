import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { Match, Switch } from "solid-js";
import { Alert } from "../components/ui/alert";
import { PageHeader } from "../components/ui/page-header";
import { PreferencesMatrix } from "../features/notifications/preferences-matrix";
import { QuietHoursForm } from "../features/notifications/quiet-hours-form";
import { profileQueries } from "../features/profile/queries";
import { usePageTitle } from "../lib/title";

/** What SMS needs, from my profile: a phone number, confirmed, and no STOP reply. */
function SmsNote() {
  const profile = createQuery(() => profileQueries.mine());
  const link = (
    <A href="/profile" class="font-medium underline">
      your profile
    </A>
  );
  return (
    <Switch fallback={<Alert tone="info">Text messages (SMS) need a verified phone number. You can add and verify it in {link}.</Alert>}>
      <Match when={profile.data?.phoneVerified && profile.data.smsOptedOut}>
        <Alert tone="warning">SMS paused: you replied STOP. Reply START to our number to receive text messages again.</Alert>
      </Match>
      <Match when={profile.data?.phoneVerified}>
        <Alert tone="info">
          Text messages go to your verified phone number, {profile.data?.phone}. You can change it in {link}.
        </Alert>
      </Match>
      <Match when={profile.data?.phone}>
        <Alert tone="warning">Text messages (SMS) need a verified phone number. Yours is not verified yet: verify it in {link}.</Alert>
      </Match>
    </Switch>
  );
}

export default function NotificationSettingsPage() {
  usePageTitle(() => "Notification settings");
  const profile = createQuery(() => profileQueries.mine());
  return (
    <div class="mx-auto max-w-3xl">
      <PageHeader
        title="Notifications"
        description={
          <>
            <A href="/settings" class="font-medium text-indigo-700 hover:underline">
              Settings
            </A>{" "}
            · Choose what we send you, and how.
          </>
        }
      />
      <div class="flex flex-col gap-6">
        <PreferencesMatrix smsNote={<SmsNote />} />
        <QuietHoursForm timezone={profile.data?.timezone} />
      </div>
    </div>
  );
}
