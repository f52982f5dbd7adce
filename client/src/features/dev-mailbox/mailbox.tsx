import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { createMemo, createSignal, For, Match, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessage, isUnauthenticated } from "../../lib/errors";
import { formatDateTime, timeAgo } from "../../lib/format";
import { LinkifiedText } from "./linkified-text";
import { devMailboxQueries } from "./queries";

/** What the dev mailer and dev SMS sender captured, newest first; pick one to read its text. */
export function DevMailbox() {
  const list = createQuery(() => devMailboxQueries.list());
  const [selectedId, setSelectedId] = createSignal<string | null>(null);
  const messages = () => list.data?.messages ?? [];
  const selected = createMemo(() => messages().find((m) => m.id === selectedId()) ?? null);
  let reader: HTMLHeadingElement | undefined;

  function open(id: string) {
    setSelectedId(id);
    // On phones the message is below the list: bring it into view and give it focus.
    queueMicrotask(() => reader?.focus());
  }

  return (
    <div class="flex flex-col gap-4">
      <p class="text-sm text-slate-700">
        This server has no email or text message provider set up yet, so the messages it would send are kept here instead.
      </p>
      <Show when={list.data && !list.data.enabled}>
        <Alert tone="info">This server sends real email and text messages, so the dev mailbox is closed.</Alert>
      </Show>
      <Show when={list.data?.enabled && list.data.scope === "all"}>
        <p class="text-sm text-slate-700">You are a platform admin, so you see every message the app captured.</p>
      </Show>
      <Show when={list.data?.enabled && list.data.shownFor}>
        {(who) => (
          <p class="text-sm text-slate-700">
            Only messages sent to you are shown: {who().email}
            {who().phone ? ` and ${who().phone}` : ""}.
          </p>
        )}
      </Show>
      <Switch>
        <Match when={list.isPending}>
          <LoadingBlock label="Loading messages…" />
        </Match>
        <Match when={list.isError && !list.data}>
          <Alert tone="error">{errorMessage(list.error)}</Alert>
          <Show when={isUnauthenticated(list.error)}>
            <A href="/sign-in" class="text-sm font-medium text-indigo-700 underline">
              Sign in to read the messages sent to you
            </A>
          </Show>
        </Match>
        <Match when={messages().length === 0}>
          <div class="rounded-xl bg-white px-5 py-12 text-center shadow-sm ring-1 ring-slate-200">
            <p class="font-medium text-slate-900">No messages yet</p>
            <p class="mt-1 text-sm text-slate-600">Emails and text messages the app sends will appear here within a few seconds.</p>
          </div>
        </Match>
        <Match when={true}>
          <div class="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
            <section aria-labelledby="inbox-heading" class="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
              <h2 id="inbox-heading" class="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
                Messages <span class="font-normal text-slate-500">({messages().length})</span>
              </h2>
              <ul class="max-h-[70vh] divide-y divide-slate-100 overflow-y-auto">
                <For each={messages()}>
                  {(m) => (
                    <li>
                      <button
                        type="button"
                        aria-current={selectedId() === m.id ? "true" : undefined}
                        onClick={() => open(m.id)}
                        class={`flex w-full flex-col gap-0.5 px-4 py-3 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600 ${
                          selectedId() === m.id ? "bg-indigo-50" : ""
                        }`}
                      >
                        <span class="flex items-center justify-between gap-2">
                          <span class="truncate text-sm font-medium text-slate-900">{m.subject || "(no subject)"}</span>
                          <time class="shrink-0 text-xs text-slate-600" datetime={m.createdAt.toISOString()}>
                            {timeAgo(m.createdAt)}
                          </time>
                        </span>
                        <span class="flex items-center gap-2 text-xs text-slate-600">
                          <Show when={m.channel === "sms"}>
                            <Badge>SMS</Badge>
                          </Show>
                          <span class="truncate">To {m.to}</span>
                        </span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </section>
            <section aria-labelledby="reader-heading" class="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
              <Show
                when={selected()}
                fallback={
                  <div class="px-5 py-12 text-center text-sm text-slate-600">
                    <h2 id="reader-heading" class="sr-only">
                      Message
                    </h2>
                    Choose a message to read it.
                  </div>
                }
              >
                {(m) => (
                  <article class="flex flex-col">
                    <header class="border-b border-slate-100 px-5 py-4">
                      <h2
                        id="reader-heading"
                        ref={reader}
                        tabIndex={-1}
                        class="text-lg font-semibold break-words text-slate-900 focus:outline-none"
                      >
                        {m().subject || "(no subject)"}
                      </h2>
                      <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                        <dt class="text-slate-500">To</dt>
                        <dd class="break-all text-slate-900">{m().to}</dd>
                        <dt class="text-slate-500">Sent</dt>
                        <dd class="text-slate-900">{formatDateTime(m().createdAt)}</dd>
                      </dl>
                    </header>
                    <LinkifiedText text={m().text} class="px-5 py-4 text-sm leading-6 break-words whitespace-pre-wrap text-slate-800" />
                    <div class="border-t border-slate-100 px-5 py-3 lg:hidden">
                      <Button variant="ghost" size="sm" onClick={() => setSelectedId(null)}>
                        Close message
                      </Button>
                    </div>
                  </article>
                )}
              </Show>
            </section>
          </div>
        </Match>
      </Switch>
    </div>
  );
}
