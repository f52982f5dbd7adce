import { useSearchParams } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { createMemo, For, Match, Show, Switch } from "solid-js";
import { RetryAlert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { LoadingBlock } from "../../components/ui/spinner";
import { errorMessageWithFields } from "../../lib/errors";
import { firstParam } from "../../lib/params";
import { channelLabels, type TemplateRow, type TemplateScope, templateKey, templateQueries } from "./queries";
import { TemplateEditor } from "./template-editor";

type Group = { type: string; label: string; rows: TemplateRow[] };

/**
 * The list of (type, channel) templates of one scope and the editor of the one picked. The pick lives in the
 * address (?edit=program.enrolled:email) so a reload or a shared link opens the same template.
 */
export function TemplatesWorkspace(props: { scope: TemplateScope }) {
  const list = createQuery(() => templateQueries.list(props.scope));
  const [params, setParams] = useSearchParams();
  const selectedKey = () => firstParam(params.edit) ?? "";
  const rowFor = (key: string) => list.data?.find((r) => templateKey(r) === key);
  const groups = createMemo<Group[]>(() => {
    const out: Group[] = [];
    for (const r of list.data ?? []) {
      const g = out.find((x) => x.type === r.type);
      if (g) g.rows.push(r);
      else out.push({ type: r.type, label: r.label, rows: [r] });
    }
    return out;
  });
  const inheritedLabel = () => (props.scope === "platform" ? "built-in default" : "platform template");

  return (
    <Switch>
      <Match when={list.isPending}>
        <LoadingBlock label="Loading templates…" />
      </Match>
      <Match when={list.isError && !list.data}>
        <RetryAlert message={errorMessageWithFields(list.error)} onRetry={() => list.refetch()} />
      </Match>
      <Match when={list.data}>
        <div class="grid items-start gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
          <nav
            aria-label="Notification types"
            class="overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200 lg:sticky lg:top-20"
          >
            <ul class="divide-y divide-slate-100">
              <For each={groups()}>
                {(g) => (
                  <li class="px-4 py-3">
                    <p class="text-sm font-medium text-slate-900" id={`tpl-group-${g.type.replace(/\W/g, "-")}`}>
                      {g.label}
                    </p>
                    <ul class="mt-2 flex flex-wrap gap-2" aria-labelledby={`tpl-group-${g.type.replace(/\W/g, "-")}`}>
                      <For each={g.rows}>
                        {(r) => {
                          const key = templateKey(r);
                          const current = () => selectedKey() === key;
                          return (
                            <li>
                              <a
                                href={`?edit=${encodeURIComponent(key)}`}
                                aria-current={current() ? "page" : undefined}
                                onClick={(e) => {
                                  e.preventDefault();
                                  setParams({ edit: key });
                                }}
                                class={`inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-sm font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
                                  current()
                                    ? "bg-indigo-600 text-white ring-indigo-600"
                                    : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
                                }`}
                              >
                                <span class="sr-only">{r.label}, </span>
                                {channelLabels[r.channel]}
                                <Show when={r.isCustom}>
                                  <Badge tone={current() ? "neutral" : "indigo"}>Customised</Badge>
                                </Show>
                              </a>
                            </li>
                          );
                        }}
                      </For>
                    </ul>
                  </li>
                )}
              </For>
            </ul>
          </nav>
          <Show
            when={rowFor(selectedKey()) ? selectedKey() : undefined}
            keyed
            fallback={
              <div class="rounded-xl bg-white px-5 py-12 text-center shadow-sm ring-1 ring-slate-200">
                <p class="font-medium text-slate-900">Pick a template to edit</p>
                <p class="mt-1 text-sm text-slate-600">
                  Each kind of notification has its own wording per channel. Changes apply to messages sent after you save.
                </p>
              </div>
            }
          >
            {(key) => {
              const row = () => rowFor(key) as TemplateRow;
              return <TemplateEditor scope={props.scope} row={row()} inheritedLabel={inheritedLabel()} />;
            }}
          </Show>
        </div>
      </Match>
    </Switch>
  );
}
