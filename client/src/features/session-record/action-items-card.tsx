import { addActionItemInput } from "@shared/modules/session-record/session-record.schema";
import { A } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { createSignal, For, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Checkbox } from "../../components/ui/checkbox";
import { Select } from "../../components/ui/select";
import { TextField } from "../../components/ui/text-field";
import { errorMessage } from "../../lib/errors";
import { createFormErrors } from "../../lib/form";
import { formatCalendarDate, formatDate } from "../../lib/format";
import { recordActions, type SessionRecord, sessionRecordQueries } from "./queries";

/** The session's action items: tick done, add one with an owner and a due date. */
export function ActionItemsCard(props: { record: SessionRecord; viewerId: string; onChanged: () => void }) {
  const r = () => props.record;
  const [title, setTitle] = createSignal("");
  const [ownerId, setOwnerId] = createSignal(props.viewerId);
  const [dueOn, setDueOn] = createSignal("");
  const [adding, setAdding] = createSignal(false);
  const [tickError, setTickError] = createSignal<unknown>(null);
  const errors = createFormErrors();
  const shown = (p: string) => p === "title" || p === "ownerId" || p === "dueOn";

  async function add(e: SubmitEvent) {
    e.preventDefault();
    errors.clear();
    const input = errors.parse(
      addActionItemInput,
      { sessionId: r().id, title: title(), ownerId: ownerId(), dueOn: dueOn() || null },
      { shown },
    );
    if (!input) return;
    setAdding(true);
    try {
      await recordActions.addActionItem(input);
      setTitle("");
      setDueOn("");
      props.onChanged();
    } catch (err) {
      errors.fromServer(err, shown);
    } finally {
      setAdding(false);
    }
  }

  async function tick(id: string, done: boolean) {
    setTickError(null);
    try {
      await recordActions.setActionItemDone(id, done);
    } catch (err) {
      setTickError(err);
    }
    props.onChanged();
  }

  return (
    <Card title="Action items">
      <Show when={r().actionItems.length > 0} fallback={<p class="text-sm text-slate-600">No action items yet.</p>}>
        <ul class="flex flex-col gap-3" aria-label="Action items">
          <For each={r().actionItems}>
            {(item) => (
              <li>
                <Checkbox
                  label={item.title}
                  checked={item.doneAt !== null}
                  disabled={!r().viewer.canEdit}
                  onChange={(done) => tick(item.id, done)}
                  description={
                    <>
                      {item.owner ? `For ${item.owner.name}` : "No owner"}
                      {item.dueOn ? `, due ${formatCalendarDate(item.dueOn)}` : ""}
                      {item.doneAt ? `. Done${item.doneBy ? ` by ${item.doneBy.name}` : ""} on ${formatDate(item.doneAt)}` : ""}
                    </>
                  }
                />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={tickError()}>
        <Alert tone="error" class="mt-3">
          {errorMessage(tickError())}
        </Alert>
      </Show>
      <Show when={r().viewer.canEdit}>
        <form class="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2" onSubmit={add} novalidate>
          <TextField
            label="New action item"
            value={title()}
            onInput={setTitle}
            error={errors.field("title")}
            maxLength={200}
            class="sm:col-span-2"
          />
          <Select
            label="Owner"
            value={ownerId()}
            onChange={setOwnerId}
            options={r().participants.map((p) => ({ value: p.id, label: p.id === props.viewerId ? `${p.name} (you)` : p.name }))}
            error={errors.field("ownerId")}
          />
          <TextField label="Due date" type="date" value={dueOn()} onInput={setDueOn} error={errors.field("dueOn")} required={false} />
          <div class="sm:col-span-2">
            <Button type="submit" loading={adding()}>
              Add action item
            </Button>
          </div>
        </form>
      </Show>
    </Card>
  );
}

/** The viewer's open action items from all their sessions. */
export function MyActionItemsCard() {
  const items = createQuery(() => sessionRecordQueries.myActionItems());
  return (
    <Card title="Your open action items">
      <Show when={items.error}>
        <Alert tone="error">{errorMessage(items.error)}</Alert>
      </Show>
      <Show when={(items.data?.length ?? 0) > 0} fallback={<p class="text-sm text-slate-600">Nothing open.</p>}>
        <ul class="flex flex-col gap-2 text-sm">
          <For each={items.data}>
            {(i) => (
              <li>
                <span class="font-medium text-slate-900">{i.title}</span>
                <Show when={i.dueOn}>
                  <span class="text-slate-600">, due {formatCalendarDate(i.dueOn as string)}</span>
                </Show>
                <span class="block text-slate-600">
                  <A href={`/sessions/${i.sessionId}`} class="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
                    {i.sessionTitle}, {formatDate(i.sessionStart)}
                  </A>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Card>
  );
}
