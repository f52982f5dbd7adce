import { resetPasswordInput } from "@shared/modules/auth/auth.schema";
import { A } from "@solidjs/router";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button, buttonClass } from "../../components/ui/button";
import { RequiredFieldsNote } from "../../components/ui/field";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { refreshSession } from "../../lib/session";
import { trpc } from "../../lib/trpc";
import { PasswordStrengthHint } from "./password-strength-hint";

export function ResetPasswordForm(props: { token: string }) {
  const [password, setPassword] = createSignal("");
  const errors = createFormErrors();
  const reset = createMutation(() => ({
    mutationFn: (input: { token: string; password: string }) => trpc.auth.resetPassword.mutate(input),
    // The server ends every session of the account, including this browser's.
    onSuccess: () => refreshSession(),
    onError: (err) => errors.fromServer(err, (p) => p === "password"),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    const input = errors.parse(resetPasswordInput, { token: props.token, password: password() }, { shown: (p) => p === "password" });
    if (input) reset.mutate(input);
  }

  return (
    <Show
      when={!reset.isSuccess}
      fallback={
        <div class="flex flex-col gap-5">
          <Alert tone="success" title="Your password has been changed">
            For your safety we signed you out everywhere. Sign in with your new password.
          </Alert>
          <A href="/sign-in" class={buttonClass("primary", "md", "w-full")}>
            Sign in
          </A>
        </div>
      }
    >
      <form class="flex flex-col gap-5" onSubmit={submit} noValidate>
        <RequiredFieldsNote />
        <Show when={errors.summary()}>
          <Alert tone="error">
            {errors.summary()}{" "}
            <Show when={errors.field("token")}>
              <A href="/forgot-password" class="font-medium underline">
                Ask for a new link
              </A>
            </Show>
          </Alert>
        </Show>
        <TextField
          label="New password"
          name="password"
          type="password"
          autocomplete="new-password"
          value={password()}
          onInput={setPassword}
          error={errors.field("password")}
          description={<PasswordStrengthHint password={password()} />}
          required
        />
        <Button type="submit" loading={reset.isPending} class="w-full">
          Set new password
        </Button>
      </form>
    </Show>
  );
}
