import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { createSignal, For, type JSX, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button, buttonClass } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Pagination } from "../../components/ui/pagination";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessage } from "../../lib/errors";
import { plural } from "../../lib/plural";
import { MentorCard } from "./mentor-card";
import { type BrowseFilters, requestQueries } from "./queries";
import { RequestDialog } from "./request-dialog";
import { ScoreBreakdown } from "./score-breakdown";

type Target = { userId: string; name: string };

/** The mentee's "Find a mentor" page: top suggestions, then every ready mentor with filters. */
export function FindMentor(props: { programId: string }) {
  const suggestions = createQuery(() => requestQueries.suggestions(props.programId));
  const [target, setTarget] = createSignal<Target | null>(null);
  const counts = () => ({ open: suggestions.data?.openRequests ?? 0, limit: suggestions.data?.openRequestLimit ?? 0 });
  const atLimit = () => counts().limit > 0 && counts().open >= counts().limit;

  const requestButton = (mentor: Target, openRequestId: string | null, unavailable: string | null = null) => (
    <Show
      when={!openRequestId}
      fallback={
        <p
          class="text-sm font-medium text-indigo-700 focus:outline-none focus-visible:outline-solid focus-visible:outline-2 focus-visible:outline-indigo-600"
          role="status"
          tabIndex={-1}
          data-request-sent={mentor.userId}
        >
          Request sent to {mentor.name}
        </p>
      }
    >
      <Show when={!unavailable} fallback={<p class="text-sm text-slate-500">{unavailable}</p>}>
        <Button onClick={() => setTarget(mentor)} disabled={atLimit()} aria-label={`Request mentor: ${mentor.name}`}>
          Request mentor
        </Button>
      </Show>
    </Show>
  );

  return (
    <div class="flex flex-col gap-6">
      <Switch>
        <Match when={suggestions.isPending}>
          <LoadingBlock label="Finding mentors for you" />
        </Match>
        <Match when={suggestions.isError}>
          <RetryAlert message={errorMessage(suggestions.error)} onRetry={() => void suggestions.refetch()} />
        </Match>
        <Match when={suggestions.data?.state === "matched"}>
          <Alert
            tone="success"
            title="You have a mentor"
            actions={
              <Show when={suggestions.data?.match}>
                {(m) => (
                  <A href={`/book/${m().matchId}`} class={buttonClass("primary", "sm")}>
                    Book a session with {m().mentorName}
                  </A>
                )}
              </Show>
            }
          >
            You are matched with {suggestions.data?.match?.mentorName} in this program.
          </Alert>
        </Match>
        <Match when={suggestions.data?.state === "coordinator"}>
          <Alert tone="info" title="Your coordinator matches you">
            In this program a coordinator chooses your mentor, so there is nothing to request here.
          </Alert>
        </Match>
        <Match when={suggestions.data}>
          {(data) => (
            <section aria-labelledby="suggested-heading" class="flex flex-col gap-3">
              <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id="suggested-heading" class="text-lg font-semibold text-slate-900">
                  Suggested for you
                </h2>
                <p class="text-sm text-slate-600" aria-live="polite">
                  {data().openRequests} of {data().openRequestLimit} open requests
                </p>
              </div>
              <Show when={atLimit()}>
                <Alert tone="warning">You have as many open requests as this program allows. Withdraw one or wait for an answer.</Alert>
              </Show>
              <Show
                when={data().suggestions.length > 0}
                fallback={<p class="text-sm text-slate-600">No mentor fits well enough yet. Browse all mentors below.</p>}
              >
                <ul class="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
                  <For each={data().suggestions}>
                    {(s) => (
                      <li>
                        <MentorCard mentor={s.mentor}>
                          <ScoreBreakdown score={s.score} />
                          {requestButton(s.mentor, s.openRequestId)}
                        </MentorCard>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
          )}
        </Match>
      </Switch>

      <Show when={suggestions.data && suggestions.data.state !== "coordinator"}>
        <BrowseMentors programId={props.programId} requestButton={requestButton} />
      </Show>

      <RequestDialog
        programId={props.programId}
        mentor={target()}
        openRequests={counts().open}
        openRequestLimit={counts().limit}
        onClose={() => setTarget(null)}
      />
    </div>
  );
}

function BrowseMentors(props: {
  programId: string;
  requestButton: (mentor: Target, openRequestId: string | null, unavailable: string | null) => JSX.Element;
}) {
  const [skill, setSkill] = createSignal("");
  const [language, setLanguage] = createSignal("");
  const [overlap, setOverlap] = createSignal("");
  const [text, setText] = createSignal("");
  const [filters, setFilters] = createSignal<BrowseFilters>({ page: 1 });
  const browse = createQuery(() => requestQueries.browse(props.programId, filters()));

  function apply(e: SubmitEvent) {
    e.preventDefault();
    const hours = Number(overlap());
    setFilters({
      page: 1,
      ...(skill().trim() ? { skill: skill().trim() } : {}),
      ...(language().trim() ? { language: language().trim() } : {}),
      ...(text().trim() ? { text: text().trim() } : {}),
      ...(overlap().trim() && Number.isFinite(hours) && hours >= 0 ? { minOverlapHours: hours } : {}),
    });
  }

  return (
    <Card title="Browse mentors" description="Every mentor taking requests in this program, best fit first.">
      <div class="flex flex-col gap-4 p-5">
        <form onSubmit={apply} class="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" aria-label="Filter mentors">
          <TextField label="Skill" value={skill()} onInput={setSkill} placeholder="e.g. TypeScript" />
          <TextField label="Language" value={language()} onInput={setLanguage} placeholder="e.g. Spanish" />
          <TextField
            label="Min. overlap hours a week"
            type="number"
            min={0}
            max={168}
            inputMode="decimal"
            value={overlap()}
            onInput={setOverlap}
          />
          <TextField label="Search" type="search" value={text()} onInput={setText} placeholder="Name or headline" />
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
        </form>
        <Switch>
          <Match when={browse.isPending}>
            <LoadingBlock label="Loading mentors" />
          </Match>
          <Match when={browse.isError}>
            <RetryAlert message={errorMessage(browse.error)} onRetry={() => void browse.refetch()} />
          </Match>
          <Match when={browse.data}>
            {(data) => (
              <>
                <p class="text-sm text-slate-600" aria-live="polite">
                  {plural(data().total, "mentor")}
                </p>
                <ul class="grid gap-4 md:grid-cols-2">
                  <For each={data().items}>
                    {(item) => (
                      <li>
                        <MentorCard mentor={item.mentor}>
                          <p class="flex flex-wrap gap-2 text-sm text-slate-700">
                            <Badge tone="indigo">Score {item.score.total}</Badge>
                            <Badge>{item.overlapHours} h a week overlap</Badge>
                          </p>
                          <Show when={item.score.reasons.length > 0}>
                            <ul class="list-disc pl-5 text-sm text-slate-700">
                              <For each={item.score.reasons}>{(r) => <li>{r}</li>}</For>
                            </ul>
                          </Show>
                          {props.requestButton(item.mentor, item.openRequestId, item.unavailable)}
                        </MentorCard>
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={data().pageCount > 1}>
                  <Pagination
                    page={data().page}
                    pages={data().pageCount}
                    onChange={(page) => setFilters({ ...filters(), page })}
                    label="Mentor pages"
                  />
                </Show>
              </>
            )}
          </Match>
        </Switch>
      </div>
    </Card>
  );
}
