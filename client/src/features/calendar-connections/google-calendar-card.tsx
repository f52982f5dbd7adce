import { createMutation, createQuery, useQueryClient } from "@tanstack/solid-query";
import { createSignal, Match, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { Button, buttonClass } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Dialog } from "../../components/ui/dialog";
import { Spinner } from "../../components/ui/spinner";
import { errorMessage } from "../../lib/errors";
import { trpc } from "../../lib/trpc";
import { CONNECT_URL, calendarSyncKeys, calendarSyncQueries } from "./queries";

/** Connect, reconnect or disconnect Google Calendar; with no Google set-up, the dev calendar stands in. */
export function GoogleCalendarCard(props: { notice?: string | undefined; error?: string | undefined }) {
  const queryClient = useQueryClient();
  const status = createQuery(() => calendarSyncQueries.status());
  const [confirming, setConfirming] = createSignal(false);
  const disconnect = createMutation(() => ({
    mutationFn: () => trpc.calendarSync.disconnect.mutate(),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: calendarSyncKeys.status });
    },
  }));
  const isDev = () => status.data?.provider === "dev";

  return (
    <Card
      title="Google Calendar"
      description="Sessions you host appear in your Google Calendar with a Google Meet link, and your busy times there are not offered for booking. Invitations still come only from us by email, never a second one from Google."
      actions={
        <Show when={status.data}>
          {(s) => (
            <Badge tone={s().state === "connected" ? "green" : s().state === "broken" ? "red" : "neutral"}>
              {s().state === "connected" ? "Connected" : s().state === "broken" ? "Needs reconnecting" : "Not connected"}
            </Badge>
          )}
        </Show>
      }
    >
      <div class="flex flex-col gap-4">
        <Show when={props.error}>
          <Alert tone="error">{props.error}</Alert>
        </Show>
        <Show when={props.notice}>
          <Alert tone="success">{props.notice}</Alert>
        </Show>
        <Show when={disconnect.isError && !confirming()}>
          <Alert tone="error">{errorMessage(disconnect.error)}</Alert>
        </Show>
        <Show when={isDev()}>
          <Alert tone="info" title="Dev calendar — no Google account used">
            Google Calendar is not set up on this server, so a stand-in calendar is used: connecting works end to end, the server records
            what it would send to Google, and sessions get no Meet link.
          </Alert>
        </Show>
        <Switch>
          <Match when={status.isPending}>
            <Spinner label="Loading your calendar connection" />
          </Match>
          <Match when={status.isError}>
            <Alert tone="error">{errorMessage(status.error)}</Alert>
          </Match>
          <Match when={status.data?.state === "connected"}>
            <p class="text-sm text-slate-700">
              Connected as <strong>{status.data?.accountEmail || "your account"}</strong>
              {isDev() ? " (dev calendar)" : ""}.
            </p>
            <Button variant="secondary" class="self-start" onClick={() => setConfirming(true)}>
              Disconnect
            </Button>
          </Match>
          <Match when={status.data?.state === "broken"}>
            <Alert tone="warning">
              Google Calendar access was withdrawn or has expired, so your sessions and busy times are not being synced. Reconnect to carry
              on.
            </Alert>
            <div class="flex flex-wrap gap-2">
              <a href={CONNECT_URL} rel="external" class={buttonClass("primary")}>
                Reconnect Google Calendar
              </a>
              <Button variant="ghost" onClick={() => setConfirming(true)}>
                Disconnect
              </Button>
            </div>
          </Match>
          <Match when={status.data?.state === "not_connected"}>
            <a href={CONNECT_URL} rel="external" class={buttonClass("primary", "md", "self-start")}>
              Connect Google Calendar
            </a>
          </Match>
        </Switch>
      </div>
      <Dialog
        open={confirming()}
        onOpenChange={setConfirming}
        title="Disconnect Google Calendar?"
        description="We stop adding sessions to your Google Calendar and stop reading your busy times. Events already there stay until you delete them."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={disconnect.isPending} onClick={() => disconnect.mutate()}>
              Disconnect
            </Button>
          </>
        }
      >
        <Show when={disconnect.isError}>
          <Alert tone="error">{errorMessage(disconnect.error)}</Alert>
        </Show>
      </Dialog>
    </Card>
  );
}
