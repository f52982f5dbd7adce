import { signUpInput } from "@shared/modules/auth/auth.schema";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { RequiredFieldsNote } from "../../components/ui/field";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { refreshSession } from "../../lib/session";
import { trpc } from "../../lib/trpc";
import { PasswordStrengthHint } from "./password-strength-hint";

function browserTimezone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** `onSignedUp` gets the address: the answer is the same whether or not it already had an account. */
export function SignUpForm(props: { onSignedUp: (email: string) => void }) {
  const [name, setName] = createSignal("");
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const errors = createFormErrors();
  const shown = (p: string) => ["name", "email", "password"].includes(p);

  const signUp = createMutation(() => ({
    mutationFn: (input: { name: string; email: string; password: string; timezone?: string }) => trpc.auth.signUp.mutate(input),
    onSuccess: async (_data, input) => {
      await refreshSession();
      props.onSignedUp(input.email);
    },
    onError: (err) => errors.fromServer(err, shown),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    const input = errors.parse(signUpInput, { name: name(), email: email(), password: password(), timezone: browserTimezone() }, { shown });
    if (input) signUp.mutate(input);
  }

  return (
    <form class="flex flex-col gap-5" onSubmit={submit} noValidate>
      <RequiredFieldsNote />
      <Show when={errors.summary()}>
        <Alert tone="error">{errors.summary()}</Alert>
      </Show>
      <TextField label="Full name" name="name" autocomplete="name" value={name()} onInput={setName} error={errors.field("name")} required />
      <TextField
        label="Email"
        name="email"
        type="email"
        autocomplete="email"
        inputMode="email"
        value={email()}
        onInput={setEmail}
        error={errors.field("email")}
        required
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autocomplete="new-password"
        value={password()}
        onInput={setPassword}
        error={errors.field("password")}
        description={<PasswordStrengthHint password={password()} userInputs={[email(), name()]} />}
        required
      />
      <Button type="submit" loading={signUp.isPending} class="w-full">
        Create account
      </Button>
    </form>
  );
}
