import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, createUniqueId, Match, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Dialog } from "../../components/ui/dialog";
import { Spinner } from "../../components/ui/spinner";
import { errorMessage } from "../../lib/errors";
import { formatDate } from "../../lib/format";
import { trpc } from "../../lib/trpc";
import { calendarSyncKeys, calendarSyncQueries, type NewFeed } from "./queries";

/**
 * The private subscription URL. The server keeps only a hash of its secret, so the URL is shown in full once,
 * right after it is made; later visits offer a new one instead.
 */
export function FeedCard() {
  const queryClient = useQueryClient();
  const feed = createQuery(() => calendarSyncQueries.feed());
  const [fresh, setFresh] = createSignal<NewFeed | null>(null);
  const [confirming, setConfirming] = createSignal<"regenerate" | "delete" | null>(null);
  const [copied, setCopied] = createSignal(false);
  const urlId = `feed-url-${createUniqueId()}`;

  const done = async () => {
    setConfirming(null);
    await queryClient.invalidateQueries({ queryKey: calendarSyncKeys.feed });
  };
  const make = createMutation(() => ({
    mutationFn: (kind: "create" | "regenerate") =>
      kind === "create" ? trpc.calendarSync.createFeed.mutate() : trpc.calendarSync.regenerateFeed.mutate(),
    onSuccess: async (result: NewFeed) => {
      setFresh(result);
      setCopied(false);
      await done();
    },
  }));
  const remove = createMutation(() => ({
    mutationFn: () => trpc.calendarSync.deleteFeed.mutate(),
    onSuccess: async () => {
      setFresh(null);
      await done();
    },
  }));

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // Clipboard refused (permissions, http): the field is selected so the person can copy it themselves.
      (document.getElementById(urlId) as HTMLInputElement | null)?.select();
    }
  };

  return (
    <Card
      title="Subscribe from your calendar app"
      description="A private, read-only link to your mentoring sessions (the last 60 days and the coming year). Your calendar app checks it for changes, usually every few hours."
    >
      <div class="flex flex-col gap-4">
        <Show when={make.isError || remove.isError}>
          <Alert tone="error">{errorMessage(make.error ?? remove.error)}</Alert>
        </Show>
        <Switch>
          <Match when={feed.isPending}>
            <Spinner label="Loading your subscription link" />
          </Match>
          <Match when={feed.isError}>
            <Alert tone="error">{errorMessage(feed.error)}</Alert>
          </Match>
          <Match when={fresh()}>
            {(f) => (
              <div class="flex flex-col gap-3">
                <label for={urlId} class="text-sm font-medium text-slate-800">
                  Your subscription URL
                </label>
                <div class="flex flex-wrap gap-2">
                  <input
                    id={urlId}
                    readOnly
                    value={f().url}
                    aria-describedby={`${urlId}-help`}
                    class="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800"
                    onFocus={(e) => e.currentTarget.select()}
                  />
                  <Button variant="secondary" onClick={() => copy(f().url)}>
                    {copied() ? "Copied" : "Copy"}
                  </Button>
                </div>
                <p id={`${urlId}-help`} class="text-sm text-slate-600">
                  Copy it now: for your privacy it is not shown again. Treat it like a password; anyone with it can read your session times.
                  In Google Calendar use Other calendars → From URL.
                </p>
                <a href={f().webcalUrl} rel="external" class="self-start text-sm font-medium text-indigo-700 underline">
                  Open in Apple Calendar or Outlook (webcal)
                </a>
              </div>
            )}
          </Match>
          <Match when={feed.data?.exists}>
            <p class="text-sm text-slate-700">
              You have a subscription link
              {feed.data?.createdAt ? ` (made ${formatDate(feed.data.createdAt)})` : ""}. It was shown once when it was made. Lost it? Make
              a new one; the old link then stops working.
            </p>
          </Match>
          <Match when={true}>
            <p class="text-sm text-slate-700">You have no subscription link yet.</p>
          </Match>
        </Switch>
        <div class="flex flex-wrap gap-2">
          <Show
            when={feed.data?.exists}
            fallback={
              <Button loading={make.isPending} disabled={feed.isPending} onClick={() => make.mutate("create")}>
                Get my subscription link
              </Button>
            }
          >
            <Button variant="secondary" onClick={() => setConfirming("regenerate")}>
              Regenerate link
            </Button>
            <Button variant="ghost" onClick={() => setConfirming("delete")}>
              Turn off the link
            </Button>
          </Show>
        </div>
      </div>
      <Dialog
        open={confirming() !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={confirming() === "delete" ? "Turn off your subscription link?" : "Make a new subscription link?"}
        description={
          confirming() === "delete"
            ? "The current link stops working at once. Calendars subscribed to it will stop updating."
            : "The current link stops working at once. Calendars subscribed to it must be given the new link."
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Show
              when={confirming() === "delete"}
              fallback={
                <Button loading={make.isPending} onClick={() => make.mutate("regenerate")}>
                  Make a new link
                </Button>
              }
            >
              <Button variant="danger" loading={remove.isPending} onClick={() => remove.mutate()}>
                Turn off
              </Button>
            </Show>
          </>
        }
      />
    </Card>
  );
}
