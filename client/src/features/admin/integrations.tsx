import { createMutation, createQuery } from "@tanstack/solid-query";
import { createSignal, Index, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessageWithFields } from "../../lib/errors";
import { formatDateTime, timeAgo } from "../../lib/format";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { adminQueries, type Integration } from "./queries";

const modes: Record<Integration["mode"], { label: string; tone: BadgeTone }> = {
  real: { label: "Real", tone: "green" },
  dev: { label: "Dev", tone: "amber" },
  off: { label: "Off", tone: "neutral" },
};

type TestChannel = "email" | "sms";
const isTestChannel = (name: Integration["name"]): name is TestChannel => name === "email" || name === "sms";

function When(props: { at: Date | null; none: string }) {
  return (
    <Show when={props.at} fallback={<span class="text-slate-500">{props.none}</span>}>
      {(at) => (
        <time datetime={at().toISOString()} title={formatDateTime(at())}>
          {timeAgo(at())}
        </time>
      )}
    </Show>
  );
}

function IntegrationCard(props: { integration: Integration }) {
  const i = () => props.integration;
  const [result, setResult] = createSignal<{ tone: "success" | "error"; text: string } | null>(null);
  const send = createMutation(() => ({
    mutationFn: (channel: TestChannel) => trpc.integrations.sendTest.mutate({ channel }),
    onMutate: () => setResult(null),
    onSuccess: (_r, channel) => {
      setResult({
        tone: "success",
        text:
          channel === "email"
            ? "Test email queued to your address. It should arrive within a minute."
            : "Test text message queued to your phone. It should arrive within a minute.",
      });
      // The worker records the outcome; look again shortly.
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: queryKeys.integrations }), 3_000);
    },
    onError: (err) => setResult({ tone: "error", text: errorMessageWithFields(err) }),
  }));
  const failedLast = () => {
    const f = i().lastFailureAt;
    const s = i().lastSuccessAt;
    return !!f && (!s || f.getTime() > s.getTime());
  };

  return (
    <Card
      title={i().label}
      actions={<Badge tone={modes[i().mode].tone}>{modes[i().mode].label}</Badge>}
      footer={
        i().canSendTest && isTestChannel(i().name) ? (
          <div class="flex flex-col gap-3">
            <Show when={result()}>{(r) => <Alert tone={r().tone}>{r().text}</Alert>}</Show>
            <Button
              variant="secondary"
              size="sm"
              class="self-start"
              loading={send.isPending}
              disabled={i().mode === "off"}
              onClick={() => {
                const name = i().name;
                if (isTestChannel(name)) send.mutate(name);
              }}
            >
              Send a test to me<span class="sr-only"> ({i().name === "sms" ? "SMS" : "email"})</span>
            </Button>
          </div>
        ) : undefined
      }
    >
      <div class="flex flex-col gap-3 text-sm">
        <p class="break-words text-slate-700">{i().description}</p>
        <dl class="grid gap-2 sm:grid-cols-2">
          <div class="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-100">
            <dt class="text-xs font-medium text-slate-500">Last success</dt>
            <dd class="text-slate-900">
              <When at={i().lastSuccessAt} none="Never" />
            </dd>
          </div>
          <div class={`rounded-lg px-3 py-2 ring-1 ${failedLast() ? "bg-red-50 ring-red-100" : "bg-slate-50 ring-slate-100"}`}>
            <dt class="text-xs font-medium text-slate-500">Last failure</dt>
            <dd class={failedLast() ? "text-red-800" : "text-slate-900"}>
              <When at={i().lastFailureAt} none="None" />
            </dd>
          </div>
        </dl>
        <Show when={i().lastError}>
          <p class="rounded-lg bg-red-50 px-3 py-2 text-xs break-words text-red-800 ring-1 ring-red-100">
            <span class="font-semibold">Last error: </span>
            {i().lastError}
          </p>
        </Show>
      </div>
    </Card>
  );
}

/** One card per outside service: how it is set up, when it last worked or failed, and a test send. */
export function Integrations() {
  const status = createQuery(() => adminQueries.integrations());
  return (
    <Switch>
      <Match when={status.isPending}>
        <LoadingBlock label="Loading integrations…" />
      </Match>
      <Match when={status.isError && !status.data}>
        <RetryAlert message={errorMessageWithFields(status.error)} onRetry={() => status.refetch()} />
      </Match>
      <Match when={status.data}>
        {(rows) => (
          <div class="flex flex-col gap-4">
            <p class="text-sm text-slate-600">
              <span class="font-medium text-slate-800">Real</span> sends to the outside world,{" "}
              <span class="font-medium text-slate-800">Dev</span> keeps messages in the Dev mailbox,{" "}
              <span class="font-medium text-slate-800">Off</span> is not configured.
            </p>
            <div class="grid items-start gap-4 md:grid-cols-2 xl:grid-cols-3">
              {/* Index, not For: a refresh replaces the rows, and a card must keep its test result. */}
              <Index each={rows()}>{(row) => <IntegrationCard integration={row()} />}</Index>
            </div>
          </div>
        )}
      </Match>
    </Switch>
  );
}
