import { changePasswordInput } from "@shared/modules/auth/auth.schema";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { RequiredFieldsNote } from "../../components/ui/field";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { PasswordStrengthHint } from "../auth/password-strength-hint";

/** Accounts created with Google have no password yet: they set one without the current-password field. */
export function ChangePasswordForm(props: { hasPassword: boolean; userInputs?: string[] }) {
  const [current, setCurrent] = createSignal("");
  const [next, setNext] = createSignal("");
  const [done, setDone] = createSignal(false);
  const errors = createFormErrors();
  const shown = (p: string) => p === "newPassword" || (props.hasPassword && p === "currentPassword");

  const change = createMutation(() => ({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => trpc.auth.changePassword.mutate(input),
    onSuccess: () => {
      setDone(true);
      setCurrent("");
      setNext("");
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
    onError: (err) => errors.fromServer(err, shown),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    setDone(false);
    errors.clear();
    const input = errors.parse(
      changePasswordInput,
      { currentPassword: props.hasPassword ? current() : "", newPassword: next() },
      { shown },
    );
    if (input) change.mutate(input);
  }

  return (
    <Card
      title={props.hasPassword ? "Password" : "Set a password"}
      description={
        props.hasPassword
          ? "Changing your password signs you out on every other device."
          : "You sign in with Google. Set a password to also sign in with your email address."
      }
    >
      <form class="flex max-w-md flex-col gap-5" onSubmit={submit} noValidate>
        <RequiredFieldsNote />
        <Show when={errors.summary()}>
          <Alert tone="error">{errors.summary()}</Alert>
        </Show>
        <Show when={done()}>
          <Alert tone="success">Your password has been changed. Other devices were signed out.</Alert>
        </Show>
        <Show when={props.hasPassword}>
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autocomplete="current-password"
            value={current()}
            onInput={setCurrent}
            error={errors.field("currentPassword")}
            required
          />
        </Show>
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autocomplete="new-password"
          value={next()}
          onInput={setNext}
          error={errors.field("newPassword")}
          description={<PasswordStrengthHint password={next()} userInputs={props.userInputs} />}
          required
        />
        <Button type="submit" loading={change.isPending} class="self-start">
          Change password
        </Button>
      </form>
    </Card>
  );
}
