import { A } from "@solidjs/router";
import { createMutation } from "@tanstack/solid-query";
import { createSignal, Match, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { TextField } from "../../components/ui/text-field";
import { createFormErrors } from "../../lib/form";
import { useProviders } from "../../lib/session";
import { trpc } from "../../lib/trpc";
import { invalidateProfile, type Profile } from "./queries";

/**
 * The phone section's text-message status: a saved number must be confirmed with a texted code before any SMS
 * goes to it. Shows "Verified", and "SMS paused" after the person replied STOP.
 */
export function PhoneVerification(props: { profile: Profile }) {
  const providers = useProviders();
  const [codeSent, setCodeSent] = createSignal(false);
  const [code, setCode] = createSignal("");
  const errors = createFormErrors();
  const shown = (p: string) => p === "code";

  const request = createMutation(() => ({
    mutationFn: () => trpc.profile.requestPhoneCode.mutate(),
    onMutate: () => errors.clear(),
    onSuccess: () => {
      setCodeSent(true);
      setCode("");
    },
    onError: (err) => errors.fromServer(err, shown),
  }));

  const verify = createMutation(() => ({
    mutationFn: (input: { code: string }) => trpc.profile.verifyPhone.mutate(input),
    onSuccess: () => {
      setCodeSent(false);
      setCode("");
      void invalidateProfile();
    },
    onError: (err) => errors.fromServer(err, shown),
  }));

  function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    if (!/^\d{6}$/.test(code().trim())) {
      errors.setFieldErrors({ code: ["Enter the 6-digit code from the text message."] }, shown);
      return;
    }
    verify.mutate({ code: code().trim() });
  }

  return (
    <Card
      title="Text messages"
      description="Reminders by SMS go only to a phone number you have confirmed."
      actions={
        <Show when={props.profile.phone && props.profile.phoneVerified}>
          <Badge tone="green">Verified</Badge>
        </Show>
      }
    >
      <div class="flex flex-col gap-4">
        <Switch>
          <Match when={!props.profile.phone}>
            <p class="text-sm text-slate-600">
              Add your phone number under <span class="font-medium text-slate-800">About you</span> and save, then confirm it here.
            </p>
          </Match>
          <Match when={props.profile.phoneVerified}>
            <p class="text-sm text-slate-700">
              <span class="font-medium text-slate-900">{props.profile.phone}</span> is confirmed for text messages.
            </p>
            <Show when={props.profile.smsOptedOut}>
              <Alert tone="warning" title="SMS paused: you replied STOP">
                We send you no text messages. Reply START to our number to receive them again.
              </Alert>
            </Show>
            <Show when={verify.isSuccess}>
              <p role="status" class="text-sm font-medium text-emerald-700">
                Your phone number is verified.
              </p>
            </Show>
          </Match>
          <Match when={true}>
            <p class="text-sm text-slate-700">
              <span class="font-medium text-slate-900">{props.profile.phone}</span> is not confirmed yet. We text you a 6-digit code; type
              it below.
            </p>
            <Show when={errors.summary() && !errors.field("code")}>
              <Alert tone="error">{errors.summary()}</Alert>
            </Show>
            <div class="flex flex-wrap items-center gap-3">
              <Button variant={codeSent() ? "secondary" : "primary"} loading={request.isPending} onClick={() => request.mutate()}>
                {codeSent() ? "Send a new code" : "Send code"}
              </Button>
              <Show when={codeSent()}>
                <p role="status" class="text-sm text-slate-600">
                  Code sent to {props.profile.phone}. It is valid for 10 minutes.
                </p>
              </Show>
            </div>
            <Show when={codeSent() && providers.data?.devSms}>
              <p class="text-sm text-slate-600">
                This server does not send real text messages: the code is in the{" "}
                <A href="/dev/mailbox" class="font-medium text-indigo-700 hover:underline">
                  Dev mailbox
                </A>{" "}
                (as an SMS).
              </p>
            </Show>
            <Show when={codeSent()}>
              <form class="flex flex-col gap-3 sm:flex-row sm:items-start" onSubmit={submit} noValidate>
                <TextField
                  class="sm:w-56"
                  label="Verification code"
                  name="code"
                  inputMode="numeric"
                  autocomplete="one-time-code"
                  maxLength={6}
                  value={code()}
                  onInput={(v) => {
                    setCode(v);
                    errors.clearField("code");
                  }}
                  error={errors.field("code")}
                  required
                />
                <Button type="submit" loading={verify.isPending} class="sm:mt-7">
                  Verify
                </Button>
              </form>
            </Show>
          </Match>
        </Switch>
      </div>
    </Card>
  );
}
