import { signInInput } from "@shared/modules/auth/auth.schema";
import { A } from "@solidjs/router";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { RequiredFieldsNote } from "../../components/ui/field";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { type Me, refreshSession } from "../../lib/session";
import { trpc } from "../../lib/trpc";

export function SignInForm(props: { onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const errors = createFormErrors();

  const signIn = createMutation(() => ({
    mutationFn: (input: { email: string; password: string }) => trpc.auth.signIn.mutate(input),
    onSuccess: async () => {
      const me = await refreshSession();
      if (me) props.onSignedIn(me);
    },
    onError: (err) => errors.fromServer(err, (p) => p === "email" || p === "password"),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    const input = errors.parse(signInInput, { email: email(), password: password() });
    if (input) signIn.mutate(input);
  }

  return (
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
        required
      />
      <div class="flex flex-col gap-1.5">
        <TextField
          label="Password"
          name="password"
          type="password"
          autocomplete="current-password"
          value={password()}
          onInput={setPassword}
          error={errors.field("password")}
          required
        />
        <A href="/forgot-password" class="self-end text-sm font-medium text-indigo-700 hover:text-indigo-600 hover:underline">
          Forgot your password?
        </A>
      </div>
      <Button type="submit" loading={signIn.isPending} class="w-full">
        Sign in
      </Button>
    </form>
  );
}
