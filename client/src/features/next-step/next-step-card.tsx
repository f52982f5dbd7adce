import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { For, type JSX, Match, Show, Switch } from "solid-js";
import { RetryAlert } from "../../components/ui/alert";
import { buttonClass } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { errorMessage } from "../../lib/errors";
import { formatDate, formatDateTime } from "../../lib/format";
import { plural } from "../../lib/plural";
import { displayTimeZone } from "../../lib/time-zone";
import { type NextStep, nextStepQueries } from "./queries";

const linkClass = "font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900";

/** "Cora Coordinator" or "Cora Coordinator or Sam Staff", each a link to their profile. */
function Contacts(props: { people: { id: string; name: string }[] }) {
  return (
    <Show when={props.people.length > 0} fallback={<>the program's coordinator</>}>
      <For each={props.people}>
        {(p, i) => (
          <>
            {i() > 0 ? (i() === props.people.length - 1 ? " or " : ", ") : ""}
            <A href={`/people/${p.id}`} class={linkClass}>
              {p.name}
            </A>
          </>
        )}
      </For>
    </Show>
  );
}

/** A time in the profile's zone with the zone named, the same as in emails and on session links. */
const whenText = (at: Date) => `${formatDateTime(at)} (${displayTimeZone()})`;

/** What the step says and the one link that does it. */
function StepBody(props: { step: NextStep }): JSX.Element {
  const program = () => `/programs/${props.step.programId}`;
  const action = (href: string, label: string, variant: "primary" | "secondary" = "primary") => (
    <A href={href} class={buttonClass(variant, "sm")}>
      {label}
    </A>
  );
  const s = props.step;
  switch (s.kind) {
    case "membership_pending":
      return <p>A coordinator is reviewing your request to join. You will be told when they decide.</p>;
    case "finish_onboarding": {
      // A mentee has only the intake; a mentor may have the checklist, the intake or both left.
      const left =
        s.role === "mentee"
          ? "intake"
          : !s.checklistDone && !s.intakeDone
            ? "checklist and intake"
            : !s.checklistDone
              ? "checklist"
              : "intake";
      if (s.checklistInReview) {
        // Nothing left on the mentor's side of the checklist: say who has it, not "finish".
        return (
          <>
            <p>
              {s.intakeDone
                ? "Your checklist is with a coordinator for review. You will be told when it is approved, and then you can be matched."
                : "Your checklist is with a coordinator for review. Meanwhile, fill in your intake so we can match you."}
            </p>
            <div>{action(`${program()}/onboarding`, s.intakeDone ? "See your checklist" : "Fill in your intake")}</div>
          </>
        );
      }
      return (
        <>
          <p>{`Finish your ${left} so we can match you.`}</p>
          <div>{action(`${program()}/onboarding`, s.role === "mentee" ? "Fill in your intake" : `Finish your ${left}`)}</div>
        </>
      );
    }
    case "find_mentor":
      return (
        <>
          <p>Find a mentor who fits what you want to learn and send them a request.</p>
          <div>{action(`${program()}/mentors`, "Find a mentor")}</div>
        </>
      );
    case "coordinator_matching":
      return (
        <p>
          The coordinator is matching you with a mentor: there is nothing to do for now, and you will be told when you have a match.
          Questions? Contact <Contacts people={s.coordinators} />.
        </p>
      );
    case "request_open":
      return (
        <>
          <Show
            when={s.status === "pending"}
            fallback={<p>{`${s.mentor.name} asked you a question about your request. Answer it so they can decide.`}</p>}
          >
            <p>
              {`Waiting for ${s.mentor.name} to answer your request`}
              <Show when={s.expiresAt}>{(at) => <> (answer due by {whenText(at())})</>}</Show>.
              <Show when={s.otherOpenRequests > 0}>{` You have ${plural(s.otherOpenRequests, "more open request")}.`}</Show>
            </p>
          </Show>
          <div>{action(`${program()}/requests`, s.status === "pending" ? "See your requests" : `Answer ${s.mentor.name}`)}</div>
        </>
      );
    case "book_session":
      return (
        <>
          <p>{`You are matched with ${s.partner.name}. Nothing is booked yet: choose a time that suits you both.`}</p>
          <div>{action(`/book/${s.matchId}`, `Book a session with ${s.partner.name}`)}</div>
        </>
      );
    case "propose_times":
      return (
        <Show
          when={s.hasAvailability}
          fallback={
            <>
              <p>{`${s.partner.name} has no session booked with you yet, and you have no bookable hours: set them so ${s.partner.name} can book you.`}</p>
              <div class="flex flex-wrap gap-2">
                {action("/availability", "Set your availability")}
                {action(`/book/${s.matchId}`, `Propose times to ${s.partner.name}`, "secondary")}
              </div>
            </>
          }
        >
          <p>{`${s.partner.name} has no session booked with you yet. Propose a few times, or wait for them to book one.`}</p>
          <div>{action(`/book/${s.matchId}`, `Propose times to ${s.partner.name}`)}</div>
        </Show>
      );
    case "upcoming_session":
      return (
        <>
          <p>
            Your next session with {s.partner.name}: <time datetime={s.session.start.toISOString()}>{whenText(s.session.start)}</time>
            <Show when={s.session.status === "requested"}>
              {s.role === "mentor" ? ". It is waiting for you to confirm it." : `. It is waiting for ${s.partner.name} to confirm it.`}
            </Show>
          </p>
          <div>{action(`/sessions/${s.session.id}`, "Open the session")}</div>
        </>
      );
    case "match_paused":
      return (
        <p>
          {`Your match with ${s.partner.name} is paused: no new sessions can be booked until a coordinator resumes it. To ask why or to resume it, contact `}
          <Contacts people={s.coordinators} />.
        </p>
      );
    case "match_ended":
      return (
        <>
          <p>
            {`Your match with ${s.partner.name} ${s.status === "completed" ? "is complete" : "has ended"}`}
            <Show when={s.endedAt}>{(at) => <> ({formatDate(at())})</>}</Show>
            {". "}
            <Show when={s.canRequest} fallback={<>To be matched again, contact </>}>
              You can ask another mentor now. Questions? Contact{" "}
            </Show>
            <Contacts people={s.coordinators} />.
          </p>
          <Show when={s.canRequest}>
            <div>{action(`${program()}/mentors`, "Find a mentor")}</div>
          </Show>
        </>
      );
    case "answer_requests":
      return (
        <>
          <p>
            {`${plural(s.count, "mentee is", "mentees are")} waiting for your answer`}
            <Show when={s.firstExpiresAt}>{(at) => <> (the first is due by {whenText(at())})</>}</Show>.
          </p>
          <div>{action(`${program()}/requests`, "Answer requests")}</div>
        </>
      );
    case "await_mentees":
      return (
        <p>
          {s.isMenteeChoice
            ? "You are ready to mentor. Mentees will send you requests, and you will be told when one arrives."
            : "You are ready to mentor. The coordinator matches mentees with you, and you will be told when they do."}
        </p>
      );
  }
}

/**
 * "Your next step": one per program and role, the same on Home (every program) and on the program page (its
 * own). Nothing shows for someone who is only staff, or in no program.
 */
export function NextStepCard(props: { programId?: string }) {
  const steps = createQuery(() => nextStepQueries.mine(props.programId));
  const named = () => !props.programId;
  return (
    // Nothing while loading: most staff-only people have no step, and a spinner that vanishes would jump the page.
    <Show when={steps.isError || (steps.data?.length ?? 0) > 0}>
      <Card title={(steps.data?.length ?? 0) > 1 ? "Your next steps" : "Your next step"}>
        <Switch>
          <Match when={steps.isError}>
            <RetryAlert message={errorMessage(steps.error)} onRetry={() => void steps.refetch()} />
          </Match>
          <Match when={steps.data}>
            {(list) => (
              <ul class="flex flex-col gap-4 text-sm text-slate-800">
                <For each={list()}>
                  {(step) => (
                    <li class="flex flex-col gap-2" aria-label={`Next step in ${step.programName} as a ${step.role}`}>
                      <Show when={named() || list().length > 1}>
                        <h3 class="font-semibold text-slate-900">
                          <Show when={named()} fallback={step.role === "mentor" ? "As a mentor" : "As a mentee"}>
                            <A href={`/programs/${step.programId}`} class={linkClass}>
                              {step.programName}
                            </A>
                            <span class="font-normal text-slate-600"> · as a {step.role}</span>
                          </Show>
                        </h3>
                      </Show>
                      <StepBody step={step} />
                    </li>
                  )}
                </For>
              </ul>
            )}
          </Match>
        </Switch>
      </Card>
    </Show>
  );
}
