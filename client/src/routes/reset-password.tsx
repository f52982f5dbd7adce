import { A, useSearchParams } from "@solidjs/router";
import { Show } from "solid-js";
import { AuthLayout } from "../components/layout/auth-layout";
import { Alert } from "../components/ui/alert";
import { ResetPasswordForm } from "../features/auth/reset-password-form";
import { firstParam } from "../lib/params";

export default function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = () => firstParam(params.token) ?? "";
  return (
    <AuthLayout title="Choose a new password">
      <Show
        when={token()}
        fallback={
          <Alert tone="error" title="This link is incomplete">
            Open the link from the email again, or{" "}
            <A href="/forgot-password" class="font-medium underline">
              ask for a new one
            </A>
            .
          </Alert>
        }
      >
        <ResetPasswordForm token={token()} />
      </Show>
    </AuthLayout>
  );
}
