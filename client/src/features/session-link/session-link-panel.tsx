import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { createSignal, Match, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { Button, buttonClass } from "../../components/ui/button";
import { LoadingBlock } from "../../components/ui/spinner";
import { appCodeOf, errorMessageWithFields } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { CancelByLink } from "./cancel-by-link";
import { type SessionLinkView, sessionLinkQueries } from "./queries";
import { RescheduleByLink } from "./reschedule-by-link";

export type LinkAction = "reschedule" | "cancel";

const statusWords: Record<SessionLinkView["status"], { label: string; tone: BadgeTone }> = {
  requested: { label: "Waiting for the mentor", tone: "amber" },
  confirmed: { label: "Confirmed", tone: "indigo" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  completed: { label: "Completed", tone: "green" },
  no_show: { label: "No-show", tone: "red" },
};

function SignInButton() {
  return (
    <A href="/sign-in" class={buttonClass("secondary", "md", "self-start")}>
      Sign in
    </A>
  );
}

function SessionSummary(props: { view: SessionLinkView }) {
  return (
    <section aria-labelledby="session-summary" class="flex flex-col gap-3 rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h2 id="session-summary" class="text-base font-semibold text-slate-900">
          Session with {props.view.otherName}
        </h2>
        <Badge tone={statusWords[props.view.status].tone}>{statusWords[props.view.status].label}</Badge>
      </div>
      <dl class="grid grid-cols-1 gap-2 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-4">
        <dt class="text-slate-500">Your time</dt>
        <dd class="font-medium text-slate-900">
          {props.view.localTime} <span class="font-normal text-slate-500">({props.view.timeZone})</span>
        </dd>
        <dt class="text-slate-500">{props.view.otherName}'s time</dt>
        <dd class="text-slate-800">{props.view.otherLocalTime}</dd>
        <dt class="text-slate-500">Program</dt>
        <dd class="text-slate-800">{props.view.programName}</dd>
      </dl>
      <p class="text-xs text-slate-600">
        Moving or cancelling less than {plural(props.view.noticeHours, "hour")} before the start is allowed, but recorded as late.
      </p>
    </section>
  );
}

/**
 * The public page behind a session email's links: the session, then moving or cancelling it. The token is the
 * only credential; the server refuses it once the session is over or cancelled, and the page says so.
 */
export function SessionLinkPanel(props: { token: string; action: LinkAction }) {
  const view = createQuery(() => sessionLinkQueries.view(props.token));
  const [step, setStep] = createSignal<LinkAction>(props.action);
  const [moved, setMoved] = createSignal<SessionLinkView | null>(null);
  const [cancelled, setCancelled] = createSignal<{ late: boolean } | null>(null);

  return (
    <div class="flex flex-col gap-6">
      <Switch>
        <Match when={cancelled()}>
          {(c) => (
            <Alert tone="success" title="Session cancelled">
              {view.data?.otherName ?? "The other person"} has been told, and the calendar invite is withdrawn.
              {c().late ? " It was within the notice period, so it is recorded as a late cancellation." : ""}
            </Alert>
          )}
        </Match>
        <Match when={view.isPending}>
          <LoadingBlock label="Opening the session" />
        </Match>
        <Match when={view.error}>
          <Alert tone="error" title={appCodeOf(view.error) === "CONFLICT" ? "This link no longer works" : "This link is not valid"}>
            {errorMessageWithFields(view.error)} Sign in to see your sessions.
          </Alert>
          <SignInButton />
        </Match>
        <Match when={view.data}>
          {(v) => (
            <>
              <SessionSummary view={v()} />
              <Show when={moved()}>
                {(m) => (
                  <Alert tone="success" title="Session moved">
                    It is now {m().localTime} your time. {m().otherName} has been told, and you both get the updated calendar invite.
                  </Alert>
                )}
              </Show>
              <fieldset class="flex flex-wrap gap-2">
                <legend class="sr-only">What do you want to do?</legend>
                <Button
                  variant={step() === "reschedule" ? "primary" : "secondary"}
                  aria-pressed={step() === "reschedule"}
                  disabled={!v().canReschedule}
                  onClick={() => setStep("reschedule")}
                >
                  Choose a new time
                </Button>
                <Button
                  variant={step() === "cancel" ? "primary" : "secondary"}
                  aria-pressed={step() === "cancel"}
                  disabled={!v().canCancel}
                  onClick={() => setStep("cancel")}
                >
                  Cancel this session
                </Button>
              </fieldset>
              <Switch>
                <Match when={step() === "reschedule" && v().canReschedule}>
                  <RescheduleByLink token={props.token} view={v()} onMoved={setMoved} />
                </Match>
                <Match when={step() === "reschedule"}>
                  <Alert tone="info">This session has started, so it can no longer be moved.</Alert>
                </Match>
                <Match when={step() === "cancel"}>
                  <CancelByLink token={props.token} view={v()} onCancelled={(late) => setCancelled({ late })} />
                </Match>
              </Switch>
            </>
          )}
        </Match>
      </Switch>
      <p class="text-sm text-slate-600">
        <A href="/calendar" class="font-medium text-indigo-700 hover:underline">
          Sign in to see your calendar
        </A>
      </p>
    </div>
  );
}
