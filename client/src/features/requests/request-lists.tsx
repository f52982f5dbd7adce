import { answerInfoInput, askInfoInput, declineRequestInput } from "@shared/modules/request/request.schema";
import { A } from "@solidjs/router";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Avatar } from "../../components/ui/avatar";
import { Badge } from "../../components/ui/badge";
import { Button, buttonClass } from "../../components/ui/button";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessage } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { formatDateTime, timeAgo } from "../../lib/format";
import { queryClient } from "../../lib/query-client";
import { trpc } from "../../lib/trpc";
import { lastActiveText } from "./mentor-card";
import { eventLabels, type RequestView, requestKeys, requestQueries, statusLabels, statusTones } from "./queries";
import { ScoreBreakdown } from "./score-breakdown";

const isOpen = (r: RequestView) => r.status === "pending" || r.status === "needs_info";
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function refresh() {
  return queryClient.invalidateQueries({ queryKey: requestKeys.root });
}

function Thread(props: { request: RequestView }) {
  return (
    <ol aria-label="Request history" class="flex flex-col gap-2 border-l-2 border-slate-100 pl-3 text-sm">
      <For each={props.request.events}>
        {(e) => (
          <li>
            <p class="text-xs text-slate-500">
              {eventLabels[e.kind] ?? e.kind}
              {e.actorName ? ` · ${e.actorName}` : ""} · <time datetime={e.createdAt.toISOString()}>{timeAgo(e.createdAt)}</time>
            </p>
            <Show when={e.body}>
              <p class="whitespace-pre-wrap text-slate-800">{e.body}</p>
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
}

function RequestFrame(props: {
  request: RequestView;
  who: { name: string; photoUrl: string | null };
  sub?: JSX.Element;
  children?: JSX.Element;
}) {
  return (
    <article
      aria-label={`Request ${props.request.mentee.name} to ${props.request.mentor.name}`}
      class="flex flex-col gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div class="flex flex-wrap items-start gap-3">
        <Avatar name={props.who.name} src={props.who.photoUrl} />
        <div class="min-w-0 flex-1">
          <h3 class="font-semibold text-slate-900">{props.who.name}</h3>
          {props.sub}
        </div>
        <Badge tone={statusTones[props.request.status]}>{statusLabels[props.request.status]}</Badge>
      </div>
      <Show when={isOpen(props.request) && props.request.expiresAt}>
        {(at) => <p class="text-sm text-slate-600">Answer due by {formatDateTime(at())}</p>}
      </Show>
      <Show when={props.request.status === "declined" && props.request.declineReason}>
        <p class="text-sm text-slate-700">Reason: {props.request.declineReason}</p>
      </Show>
      {props.children}
      <details>
        <summary class="cursor-pointer text-sm font-medium text-indigo-700">History</summary>
        <div class="mt-2">
          <Thread request={props.request} />
        </div>
      </details>
    </article>
  );
}

/** A mentee's sent requests: status, deadline, thread, the answer box when asked, and withdraw. */
export function MenteeRequests(props: { programId: string }) {
  const mine = createQuery(() => requestQueries.mine(props.programId));
  return (
    <section aria-labelledby="sent-heading" class="flex flex-col gap-3">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="sent-heading" class="text-lg font-semibold text-slate-900">
          Your requests
        </h2>
        <Show when={mine.data}>
          {(d) => <p class="text-sm text-slate-600">{`${d().openRequests} of ${d().openRequestLimit} open requests`}</p>}
        </Show>
      </div>
      <Switch>
        <Match when={mine.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={mine.isError}>
          <RetryAlert message={errorMessage(mine.error)} onRetry={() => void mine.refetch()} />
        </Match>
        <Match when={mine.data?.items.length === 0}>
          <p class="text-sm text-slate-600">You have not asked a mentor yet. Find one on the “Find a mentor” tab.</p>
        </Match>
        <Match when={mine.data}>
          {(d) => (
            <ul class="flex flex-col gap-3">
              <For each={d().items}>
                {(r) => (
                  <li>
                    <RequestFrame
                      request={r}
                      who={r.mentor}
                      sub={
                        <p class="text-sm text-slate-600">
                          {r.mentor.headline} · {lastActiveText(r.mentor.lastActiveAt)}
                        </p>
                      }
                    >
                      <Show when={r.status === "accepted"}>
                        <Alert
                          tone="success"
                          actions={
                            <Show when={r.matchId}>
                              {(matchId) => (
                                <A href={`/book/${matchId()}`} class={buttonClass("primary", "sm")}>
                                  Book a session with {r.mentor.name}
                                </A>
                              )}
                            </Show>
                          }
                        >
                          {r.mentor.name} accepted. You are matched! Your next step is to book your first session.
                        </Alert>
                      </Show>
                      <Show when={r.status === "needs_info"}>
                        <AnswerBox request={r} />
                      </Show>
                      <Show when={isOpen(r)}>
                        <WithdrawButton request={r} />
                      </Show>
                    </RequestFrame>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
    </section>
  );
}

function AnswerBox(props: { request: RequestView }) {
  const [answer, setAnswer] = createSignal("");
  const errors = createFormErrors();
  const send = createMutation(() => ({
    mutationFn: (input: { requestId: string; answer: string }) => trpc.request.answer.mutate(input),
    onSuccess: () => refresh(),
    onError: (err) => errors.fromServer(err, (p) => p === "answer"),
  }));
  return (
    <form
      class="flex flex-col gap-2"
      novalidate
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        const input = errors.parse(answerInfoInput, { requestId: props.request.id, answer: answer() }, { shown: (p) => p === "answer" });
        if (input) send.mutate(input);
      }}
    >
      <TextField label="Your answer to the mentor" rows={3} value={answer()} onInput={setAnswer} error={errors.field("answer")} />
      <Show when={errors.summary() && !errors.field("answer")}>
        <Alert tone="error">{errors.summary()}</Alert>
      </Show>
      <div>
        <Button type="submit" loading={send.isPending}>
          Send answer
        </Button>
      </div>
    </form>
  );
}

function WithdrawButton(props: { request: RequestView }) {
  const withdraw = createMutation(() => ({
    mutationFn: () => trpc.request.withdraw.mutate({ requestId: props.request.id }),
    onSettled: () => refresh(),
  }));
  return (
    <div class="flex flex-col gap-2">
      <Show when={withdraw.isError}>
        <Alert tone="error">{errorMessage(withdraw.error)}</Alert>
      </Show>
      <div>
        <Button variant="secondary" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
          Withdraw request to {props.request.mentor.name}
        </Button>
      </div>
    </div>
  );
}

function MenteeProfile(props: { request: RequestView }) {
  const m = () => props.request.mentee;
  return (
    <dl class="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
      <Show when={m().background}>
        <dt class="font-medium text-slate-700">Background</dt>
        <dd class="text-slate-800">{m().background}</dd>
      </Show>
      <dt class="font-medium text-slate-700">Time zone</dt>
      <dd class="text-slate-800">{m().timezone}</dd>
      <Show when={m().languages.length > 0}>
        <dt class="font-medium text-slate-700">Languages</dt>
        <dd class="text-slate-800">{m().languages.join(", ")}</dd>
      </Show>
      <Show when={m().intake}>
        {(i) => (
          <>
            <dt class="font-medium text-slate-700">Wants to learn</dt>
            <dd class="text-slate-800">{i().skills.join(", ") || "Not said"}</dd>
            <dt class="font-medium text-slate-700">Goals</dt>
            <dd class="whitespace-pre-wrap text-slate-800">{i().goals || "Not said"}</dd>
            <dt class="font-medium text-slate-700">Preferred style</dt>
            <dd class="text-slate-800">{i().preferredStyle || "Not said"}</dd>
            <dt class="font-medium text-slate-700">Availability</dt>
            <dd class="text-slate-800">
              {i()
                .availability.map((w) => `${weekdays[w.weekday] ?? "?"} ${w.start}–${w.end}`)
                .join(", ") || "Not said"}
            </dd>
            <dt class="font-medium text-slate-700">Ways to meet</dt>
            <dd class="text-slate-800">{i().communication.join(", ") || "Any"}</dd>
            <dt class="font-medium text-slate-700">Urgency</dt>
            <dd class="text-slate-800">{i().urgency}</dd>
          </>
        )}
      </Show>
    </dl>
  );
}

/** A mentor's incoming requests: the mentee's profile and intake, and accept / decline / ask; past ones below. */
export function MentorRequests(props: { programId: string }) {
  const incoming = createQuery(() => requestQueries.incoming(props.programId));
  const open = () => (incoming.data ?? []).filter(isOpen);
  const past = () => (incoming.data ?? []).filter((r) => !isOpen(r));
  return (
    <section aria-labelledby="incoming-heading" class="flex flex-col gap-3">
      <h2 id="incoming-heading" class="text-lg font-semibold text-slate-900">
        Requests to you
      </h2>
      <Switch>
        <Match when={incoming.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={incoming.isError}>
          <RetryAlert message={errorMessage(incoming.error)} onRetry={() => void incoming.refetch()} />
        </Match>
        <Match when={incoming.data}>
          <Show when={open().length > 0} fallback={<p class="text-sm text-slate-600">No open requests right now.</p>}>
            <ul class="flex flex-col gap-3">
              <For each={open()}>
                {(r) => (
                  <li>
                    <RequestFrame request={r} who={r.mentee}>
                      <Show when={r.message}>
                        <blockquote class="rounded-md bg-slate-50 p-3 text-sm whitespace-pre-wrap text-slate-800">{r.message}</blockquote>
                      </Show>
                      <MenteeProfile request={r} />
                      <Show when={r.score}>{(s) => <ScoreBreakdown score={s()} />}</Show>
                      <MentorActions request={r} />
                    </RequestFrame>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show when={past().length > 0}>
            <h3 class="mt-4 text-base font-semibold text-slate-900">Past requests</h3>
            <ul class="flex flex-col gap-3">
              <For each={past()}>
                {(r) => (
                  <li>
                    <RequestFrame request={r} who={r.mentee}>
                      <Show when={r.status === "accepted" && r.matchId}>
                        {(matchId) => <AcceptedNextStep matchId={matchId()} menteeName={r.mentee.name} />}
                      </Show>
                    </RequestFrame>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Match>
      </Switch>
    </section>
  );
}

/**
 * After accepting, the mentor's move: propose times to the new mentee, and first set bookable hours when there
 * are none (without them the mentee finds nothing to book).
 */
function AcceptedNextStep(props: { matchId: string; menteeName: string }) {
  const hours = createQuery(() => requestQueries.myBookableHours());
  return (
    <div class="flex flex-col gap-2">
      <Show when={hours.data === false}>
        <p class="text-sm text-slate-700">You have no bookable hours yet: set them so {props.menteeName} can book a session with you.</p>
      </Show>
      <div class="flex flex-wrap gap-2">
        <Show when={hours.data === false}>
          <A href="/availability" class={buttonClass("primary", "sm")}>
            Set your availability
          </A>
        </Show>
        <A href={`/book/${props.matchId}`} class={buttonClass(hours.data === false ? "secondary" : "primary", "sm")}>
          Propose times to {props.menteeName}
        </A>
      </div>
    </div>
  );
}

function MentorActions(props: { request: RequestView }) {
  const [mode, setMode] = createSignal<"none" | "decline" | "ask">("none");
  const [text, setText] = createSignal("");
  const errors = createFormErrors();
  const act = createMutation(() => ({
    mutationFn: async (action: "accept" | "decline" | "ask") => {
      const requestId = props.request.id;
      if (action === "accept") return trpc.request.accept.mutate({ requestId });
      if (action === "decline") return trpc.request.decline.mutate({ requestId, reason: text() });
      return trpc.request.askInfo.mutate({ requestId, question: text() });
    },
    onSuccess: () => {
      setMode("none");
      setText("");
      return refresh();
    },
    onError: (err) => {
      errors.fromServer(err, (p) => p === "reason" || p === "question");
      void refresh();
    },
  }));
  const field = () => (mode() === "ask" ? "question" : "reason");

  function submit(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    const ok =
      mode() === "ask"
        ? errors.parse(askInfoInput, { requestId: props.request.id, question: text() }, { shown: (p) => p === "question" })
        : errors.parse(declineRequestInput, { requestId: props.request.id, reason: text() }, { shown: (p) => p === "reason" });
    if (ok) act.mutate(mode() === "ask" ? "ask" : "decline");
  }

  return (
    <div class="flex flex-col gap-3">
      <Show when={errors.summary() && !errors.field(field())}>
        <Alert tone="error">{errors.summary()}</Alert>
      </Show>
      <Show
        when={mode() !== "none"}
        fallback={
          <div class="flex flex-wrap gap-2">
            <Button loading={act.isPending && act.variables === "accept"} onClick={() => act.mutate("accept")}>
              Accept {props.request.mentee.name}
            </Button>
            <Button variant="secondary" onClick={() => setMode("decline")}>
              Decline
            </Button>
            <Show when={props.request.status === "pending"}>
              <Button variant="ghost" onClick={() => setMode("ask")}>
                Ask for more information
              </Button>
            </Show>
          </div>
        }
      >
        <form class="flex flex-col gap-2" novalidate onSubmit={submit}>
          <TextField
            label={mode() === "ask" ? "Your question to the mentee" : "Reason for declining"}
            required={mode() === "ask" ? undefined : false}
            rows={3}
            value={text()}
            onInput={setText}
            error={errors.field(field())}
          />
          <div class="flex flex-wrap gap-2">
            <Button type="submit" variant={mode() === "ask" ? "primary" : "danger"} loading={act.isPending}>
              {mode() === "ask" ? "Send question" : "Decline request"}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setMode("none");
                errors.clear();
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      </Show>
    </div>
  );
}
