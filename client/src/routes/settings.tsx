import { A } from "@solidjs/router";
import { buttonClass } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { PageHeader } from "../components/ui/page-header";
import { ChangePasswordForm } from "../features/settings/change-password-form";
import { SignOutEverywhere } from "../features/settings/sign-out-everywhere";
import { usePageTitle } from "../lib/title";
import { useSignedInMe } from "./me-context";
import { useLeaveApp } from "./sign-out";

export default function SettingsPage() {
  const me = useSignedInMe();
  const leave = useLeaveApp();
  usePageTitle(() => "Settings");
  return (
    <div class="mx-auto max-w-3xl">
      <PageHeader title="Settings" description={`Signed in as ${me().email}.`} />
      <div class="flex flex-col gap-6">
        <Card
          title="Notifications"
          description="Choose which notifications you get in the app, by email and by text message, and set quiet hours."
        >
          <A href="/settings/notifications" class={buttonClass("secondary", "sm")}>
            Notification settings
          </A>
        </Card>
        <Card
          title="Calendar connections"
          description="Subscribe to your sessions from any calendar app, or connect Google Calendar for Meet links and busy times."
        >
          <A href="/settings/calendar" class={buttonClass("secondary", "sm")}>
            Calendar connections
          </A>
        </Card>
        <ChangePasswordForm hasPassword={me().hasPassword} userInputs={[me().email, me().name]} />
        <SignOutEverywhere onSignedOut={leave} />
      </div>
    </div>
  );
}
