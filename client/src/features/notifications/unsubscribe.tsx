import { catalogue, isNotificationType } from "@shared/modules/notification/catalogue";
import { A } from "@solidjs/router";
import { createMutation } from "@tanstack/solid-query";
import { Match, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button, buttonClass } from "../../components/ui/button";
import { errorMessageWithFields } from "../../lib/errors";
import { trpc } from "../../lib/trpc";

/**
 * What the signed link says it is about, for the explanation before the click. The server checks the signature
 * when the button is pressed; this only reads the readable half of the token and never trusts it.
 */
function describeToken(token: string): { label: string; description: string } | null {
  try {
    const data = token.split(".")[0] ?? "";
    const json = atob(data.replace(/-/g, "+").replace(/_/g, "/"));
    const claim = JSON.parse(json) as { t?: unknown };
    if (typeof claim.t !== "string" || !isNotificationType(claim.t)) return null;
    const def = catalogue[claim.t];
    return { label: def.label, description: def.description };
  } catch {
    return null;
  }
}

/** The one-click unsubscribe from an email footer: no sign-in needed. */
export function Unsubscribe(props: { token: string }) {
  const about = () => describeToken(props.token);
  const unsubscribe = createMutation(() => ({
    mutationFn: () => trpc.notification.unsubscribe.mutate({ token: props.token }),
  }));

  return (
    <div class="flex flex-col gap-5">
      <Switch>
        <Match when={unsubscribe.data}>
          {(done) => (
            <Alert tone="success" title="You are unsubscribed">
              You will no longer receive {done().typeLabel} emails.
            </Alert>
          )}
        </Match>
        <Match when={true}>
          <div class="flex flex-col gap-3 text-sm text-slate-700">
            <Show
              when={about()}
              fallback={
                <p>This stops the kind of email that contained the link. Other emails and in-app notifications are not affected.</p>
              }
            >
              {(a) => (
                <>
                  <p>
                    You will stop receiving <strong class="font-semibold text-slate-900">{a().label}</strong> emails.
                  </p>
                  <p class="text-slate-500">What these are: {a().description}</p>
                  <p>Other emails, and the notifications inside the app, are not affected.</p>
                </>
              )}
            </Show>
          </div>
          <Show when={unsubscribe.error}>
            <Alert tone="error">{errorMessageWithFields(unsubscribe.error)}</Alert>
          </Show>
          <Button class="self-start" loading={unsubscribe.isPending} onClick={() => unsubscribe.mutate()}>
            Unsubscribe
          </Button>
        </Match>
      </Switch>
      <p class="text-sm text-slate-600">
        You can change what we send you, and how, in your{" "}
        <A href="/settings/notifications" class="font-medium text-indigo-700 hover:underline">
          notification settings
        </A>{" "}
        (you need to sign in there).
      </p>
      <Show when={unsubscribe.data}>
        <A href="/settings/notifications" class={buttonClass("secondary", "md", "self-start")}>
          Open notification settings
        </A>
      </Show>
    </div>
  );
}
