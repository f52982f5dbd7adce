import { createQuery, keepPreviousData } from "@tanstack/solid-query";
import { createSignal, For, Match, Show, Switch } from "solid-js";
import { RetryAlert } from "../../components/ui/alert";
import { Card } from "../../components/ui/card";
import { Pagination } from "../../components/ui/pagination";
import { Select } from "../../components/ui/select";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessageWithFields } from "../../lib/errors";
import { formatDateTime } from "../../lib/format";
import { boardQueries } from "./queries";

/** The program's audit log: every change on the board, newest first, with who made it. */
export function ActivityCard(props: { programId: string }) {
  const [page, setPage] = createSignal(1);
  const [kind, setKind] = createSignal("");
  const log = createQuery(() => ({
    ...boardQueries.audit({ programId: props.programId, page: page(), pageSize: 15, kind: kind() || undefined }),
    placeholderData: keepPreviousData,
  }));
  const kindOptions = () => [
    { value: "", label: "Every change" },
    ...(log.data?.kinds ?? []).map((k) => ({ value: k.kind, label: k.label })),
  ];

  return (
    <Card
      title="Activity"
      description="Every change in this program, newest first."
      actions={
        <Select
          label="Show"
          value={kind()}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={kindOptions()}
        />
      }
    >
      <Switch>
        <Match when={log.isPending}>
          <LoadingBlock label="Loading activity…" />
        </Match>
        <Match when={log.isError && !log.data}>
          <RetryAlert message={errorMessageWithFields(log.error)} onRetry={() => log.refetch()} />
        </Match>
        <Match when={log.data}>
          {(data) => (
            <div class="flex flex-col gap-3">
              <Show when={data().items.length > 0} fallback={<p class="text-sm text-slate-500">Nothing has happened yet.</p>}>
                <ol class="divide-y divide-slate-100">
                  <For each={data().items}>
                    {(item) => (
                      <li class="py-2 text-sm">
                        <p class="font-medium text-slate-900">{item.sentence}</p>
                        <Show when={item.note}>
                          <p class="text-slate-600">{item.note}</p>
                        </Show>
                        <p class="text-xs text-slate-500">{formatDateTime(item.createdAt)}</p>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
              <Show when={data().pages > 1}>
                <Pagination page={data().page} pages={data().pages} onChange={setPage} label="Activity pages" disabled={log.isFetching} />
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </Card>
  );
}
