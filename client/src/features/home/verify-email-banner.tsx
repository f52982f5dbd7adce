import { createMutation } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { errorMessage } from "../../lib/errors";
import { trpc } from "../../lib/trpc";

/** Shown on the home page until the email address is confirmed. */
export function VerifyEmailBanner(props: { email: string }) {
  const resend = createMutation(() => ({ mutationFn: () => trpc.auth.resendVerification.mutate() }));
  return (
    <Alert
      tone="warning"
      title="Confirm your email address"
      actions={
        <Button size="sm" variant="secondary" loading={resend.isPending} onClick={() => resend.mutate()}>
          Send the link again
        </Button>
      }
    >
      <p>
        We sent a confirmation link to <strong class="font-semibold">{props.email}</strong>. Until you confirm it, we cannot email you about
        matches and sessions.
      </p>
      <Show when={resend.isSuccess}>
        <p class="mt-2 font-medium text-emerald-800">A new link is on its way.</p>
      </Show>
      <Show when={resend.isError}>
        <p class="mt-2 font-medium text-red-800">{errorMessage(resend.error)}</p>
      </Show>
    </Alert>
  );
}
