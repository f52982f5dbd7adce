import { A, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { AuthLayout } from "../components/layout/auth-layout";
import { Alert } from "../components/ui/alert";
import { Unsubscribe } from "../features/notifications/unsubscribe";
import { firstParam } from "../lib/params";

/** The page behind the unsubscribe link of an email: works without signing in. */
export default function UnsubscribePage() {
  const [params] = useSearchParams();
  const token = () => firstParam(params.token) ?? "";
  return (
    <AuthLayout title="Unsubscribe">
      <Show
        when={token()}
        fallback={
          <Alert tone="error" title="This link is incomplete">
            Open the unsubscribe link from the email again, or change what we send you in your{" "}
            <A href="/settings/notifications" class="font-medium underline">
              notification settings
            </A>
            .
          </Alert>
        }
      >
        <Unsubscribe token={token()} />
      </Show>
    </AuthLayout>
  );
}
