import { A, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { AuthLayout } from "../components/layout/auth-layout";
import { Alert } from "../components/ui/alert";
import { VerifyEmail } from "../features/auth/verify-email";
import { firstParam } from "../lib/params";
import { useMe } from "../lib/session";

export default function VerifyEmailPage() {
  const [params] = useSearchParams();
  const me = useMe();
  const token = () => firstParam(params.token) ?? "";
  return (
    <AuthLayout title="Confirm your email">
      <Show
        when={token()}
        fallback={
          <Alert tone="error" title="This link is incomplete">
            Open the link from the email again, or{" "}
            <A href="/check-email" class="font-medium underline">
              ask for a new one
            </A>
            .
          </Alert>
        }
      >
        <VerifyEmail token={token()} signedIn={!!me.data} continueHref={() => (me.data?.onboarded ? "/" : "/welcome")} />
      </Show>
    </AuthLayout>
  );
}
