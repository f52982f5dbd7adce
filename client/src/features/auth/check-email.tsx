import { A } from "@solidjs/router";
import { createMutation } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button, buttonClass } from "../../components/ui/button";
import { errorMessage } from "../../lib/errors";
import { trpc } from "../../lib/trpc";

/** After sign-up: tells the person a link is on its way and lets them ask for another. */
export function CheckEmailPanel(props: { email?: string | undefined; devMailbox: boolean }) {
  const resend = createMutation(() => ({ mutationFn: () => trpc.auth.resendVerification.mutate() }));
  return (
    <div class="flex flex-col gap-5">
      <p class="text-slate-700">
        We sent a confirmation link to{" "}
        <Show when={props.email} fallback="your email address">
          <strong class="font-semibold text-slate-900">{props.email}</strong>
        </Show>
        . Open it to confirm that the address is yours. The link works for 24 hours.
      </p>
      <p class="text-sm text-slate-600">Nothing arrived? Check your spam folder, or ask for a new link.</p>
      <Show when={resend.isSuccess}>
        <Alert tone="success">A new link is on its way.</Alert>
      </Show>
      <Show when={resend.isError}>
        <Alert tone="error">{errorMessage(resend.error)}</Alert>
      </Show>
      <div class="flex flex-col gap-3 sm:flex-row">
        <Button variant="secondary" loading={resend.isPending} onClick={() => resend.mutate()}>
          Send the link again
        </Button>
        <Show when={props.devMailbox}>
          <A href="/dev/mailbox" class={buttonClass("ghost")}>
            Open the dev mailbox
          </A>
        </Show>
      </div>
      <A href="/welcome" class="text-sm font-medium text-indigo-700 hover:underline">
        Continue setting up your profile →
      </A>
    </div>
  );
}
