import { A, useParams } from "@solidjs/router";
import { createQuery, useQueryClient } from "@tanstack/solid-query";
import { Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../components/ui/alert";
import { Card } from "../components/ui/card";
import { PageHeader } from "../components/ui/page-header";
import { LoadingBlock } from "../components/ui/spinner";
import { ActionItemsCard, MyActionItemsCard } from "../features/session-record/action-items-card";
import { AttendanceCard } from "../features/session-record/attendance-card";
import { NoteEditor } from "../features/session-record/note-editor";
import { formatWhen, recordActions, sessionRecordKeys, sessionRecordQueries, viewerZone } from "../features/session-record/queries";
import { ResourcesCard } from "../features/session-record/resources-card";
import { SessionSummary } from "../features/session-record/session-summary";
import { useNow } from "../features/session-record/use-now";
import { appCodeOf, errorMessage } from "../lib/errors";
import { useLiveEvents } from "../lib/socket";
import { wallDateTime } from "../lib/time-zone";
import { usePageTitle } from "../lib/title";
import { useSignedInMe } from "./me-context";

/** A session's record: when and who, check-in, agenda, notes, resources, action items, attendance, completion. */
export default function SessionPage() {
  const params = useParams<{ sessionId: string }>();
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const now = useNow();
  const record = createQuery(() => sessionRecordQueries.record(params.sessionId));
  const refresh = () => {
    void record.refetch();
    void queryClient.invalidateQueries({ queryKey: sessionRecordKeys.myActionItems });
  };
  useLiveEvents(["session:changed"], (data) => data.sessionId === params.sessionId && refresh(), refresh);

  const title = () => {
    const r = record.data;
    if (!r) return "Session";
    if (r.kind === "group" && r.title) return r.title;
    const others = r.participants.filter((p) => p.id !== me().id).map((p) => p.name);
    return others.length > 0 ? `Session with ${others.join(", ")}` : "Session";
  };
  usePageTitle(title);

  return (
    <>
      <PageHeader
        title={title()}
        description={
          <Show when={record.data}>
            {(r) => (
              <>
                {formatWhen(r().start, viewerZone())}.{" "}
                <A
                  href={`/calendar?date=${wallDateTime(r().start).date}`}
                  class="text-indigo-700 underline underline-offset-2 hover:text-indigo-900"
                >
                  Back to My calendar
                </A>
              </>
            )}
          </Show>
        }
      />
      <Switch>
        <Match when={record.isPending}>
          <LoadingBlock label="Loading the session" />
        </Match>
        <Match when={record.error && appCodeOf(record.error) === "NOT_FOUND"}>
          <Alert tone="error" title="Session not found">
            This session does not exist, or you are not part of it.
          </Alert>
        </Match>
        <Match when={record.error}>
          <RetryAlert message={errorMessage(record.error)} onRetry={() => void record.refetch()} />
        </Match>
        <Match when={record.data}>
          {(r) => (
            <div class="grid gap-6 lg:grid-cols-[2fr_1fr]">
              <div class="flex flex-col gap-6">
                <SessionSummary record={r()} now={now()} viewerId={me().id} onChanged={refresh} />
                <Show when={r().status === "cancelled"}>
                  <Alert tone="info">This session was cancelled. Its record is kept as it was and can no longer be changed.</Alert>
                </Show>
                <Card title="Agenda">
                  <NoteEditor
                    label="Agenda"
                    description="What you plan to talk about. Everyone in the session can edit it."
                    value={r().agenda}
                    version={r().updatedAt}
                    canEdit={r().viewer.canEdit}
                    saveLabel="Save agenda"
                    rows={4}
                    save={(text, version) => recordActions.saveAgenda(r().id, text, version ?? r().updatedAt)}
                    refresh={refresh}
                  />
                </Card>
                <Card title="Shared notes">
                  <NoteEditor
                    label="Shared notes"
                    description="Everyone in the session reads and edits these."
                    value={r().sharedNotes}
                    version={r().updatedAt}
                    canEdit={r().viewer.canEdit}
                    saveLabel="Save shared notes"
                    rows={8}
                    save={(text, version) => recordActions.saveSharedNotes(r().id, text, version ?? r().updatedAt)}
                    refresh={refresh}
                  />
                </Card>
                <Show when={r().privateNote}>
                  {(note) => (
                    <Card title="Private notes">
                      <NoteEditor
                        label="Private notes"
                        description="Only you can see these."
                        value={note().body}
                        version={note().updatedAt}
                        canEdit={r().viewer.canEdit}
                        saveLabel="Save private notes"
                        rows={5}
                        save={(text, version) => recordActions.savePrivateNote(r().id, text, version)}
                        refresh={refresh}
                      />
                    </Card>
                  )}
                </Show>
                <ResourcesCard record={r()} onChanged={refresh} />
              </div>
              <div class="flex flex-col gap-6">
                <AttendanceCard record={r()} now={now()} onChanged={refresh} />
                <ActionItemsCard record={r()} viewerId={me().id} onChanged={refresh} />
                <Show when={r().viewer.role !== null}>
                  <MyActionItemsCard />
                </Show>
              </div>
            </div>
          )}
        </Match>
      </Switch>
    </>
  );
}
