import { requestPasswordResetInput } from "@shared/modules/auth/auth.schema";
import { A } from "@solidjs/router";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button, buttonClass } from "../../components/ui/button";
import { RequiredFieldsNote } from "../../components/ui/field";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { trpc } from "../../lib/trpc";

export function ForgotPasswordForm(props: { devMailbox: boolean }) {
  const [email, setEmail] = createSignal("");
  const errors = createFormErrors();
  const request = createMutation(() => ({
    mutationFn: (input: { email: string }) => trpc.auth.requestPasswordReset.mutate(input),
    onError: (err) => errors.fromServer(err, (p) => p === "email"),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    const input = errors.parse(requestPasswordResetInput, { email: email() });
    if (input) request.mutate(input);
  }

  return (
    <Show
      when={!request.isSuccess}
      fallback={
        <div class="flex flex-col gap-5">
          {/* Neutral on purpose: the answer must not reveal whether an account exists. */}
          <Alert tone="success" title="Check your email">
            If an account exists for {email().trim()}, we sent it a link to choose a new password. The link works for 30 minutes.
          </Alert>
          <div class="flex flex-col gap-3 sm:flex-row">
            <A href="/sign-in" class={buttonClass("secondary")}>
              Back to sign in
            </A>
          </div>
          <Show when={props.devMailbox}>
            {/* Signed out, nobody may read the captured mail: only its owner once signed in, or a platform admin. */}
            <p class="text-sm text-slate-700">
              This server sends no real email yet. Ask your platform admin to read your reset link in the dev mailbox.
            </p>
          </Show>
        </div>
      }
    >
      <form class="flex flex-col gap-5" onSubmit={submit} noValidate>
        <RequiredFieldsNote />
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <TextField
          label="Email"
          name="email"
          type="email"
          autocomplete="email"
          inputMode="email"
          value={email()}
          onInput={setEmail}
          error={errors.field("email")}
          description="We will send a link to choose a new password."
          required
        />
        <Button type="submit" loading={request.isPending} class="w-full">
          Send reset link
        </Button>
      </form>
    </Show>
  );
}
