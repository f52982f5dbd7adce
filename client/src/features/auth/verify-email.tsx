import { A } from "@solidjs/router";
import { createMutation } from "@tanstack/solid-query";
import { Match, onMount, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { buttonClass } from "../../components/ui/button";
import { Spinner } from "../../components/ui/spinner";
import { errorMessageWithFields } from "../../lib/errors";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";

/**
 * Confirms the address with the token from the link. It is a mutation sent from the page, not a GET on the
 * server, so mail scanners that prefetch links cannot confirm an address on the owner's behalf.
 */
export function VerifyEmail(props: { token: string; continueHref: () => string; signedIn: boolean }) {
  const verify = createMutation(() => ({
    mutationFn: (token: string) => trpc.auth.verifyEmail.mutate({ token }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  }));
  onMount(() => verify.mutate(props.token));

  return (
    <Switch>
      <Match when={verify.isSuccess}>
        <div class="flex flex-col gap-5">
          <Alert tone="success" title="Your email address is confirmed">
            Thank you. You will now receive notifications at this address.
          </Alert>
          <A href={props.continueHref()} class={buttonClass("primary", "md", "w-full")}>
            Continue
          </A>
        </div>
      </Match>
      <Match when={verify.isError}>
        <div class="flex flex-col gap-5">
          <Alert tone="error" title="We could not confirm your email address">
            {errorMessageWithFields(verify.error)}
          </Alert>
          <p class="text-sm text-slate-600">
            Links expire after 24 hours and work once. {props.signedIn ? "Ask for a new link below." : "Sign in to ask for a new link."}
          </p>
          <A href={props.signedIn ? "/check-email" : "/sign-in"} class={buttonClass("secondary", "md", "w-full")}>
            {props.signedIn ? "Get a new link" : "Sign in"}
          </A>
        </div>
      </Match>
      <Match when={true}>
        <p class="flex items-center gap-3 text-slate-700">
          <Spinner label="" /> Confirming your email address…
        </p>
      </Match>
    </Switch>
  );
}
