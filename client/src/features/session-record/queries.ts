import type { AddActionItemInput, AddLinkInput, MarkAttendanceInput } from "@shared/modules/session-record/session-record.schema";
import { HttpAppError } from "../../lib/errors";
import { displayTimeZone } from "../../lib/time-zone";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type SessionRecord = RouterOutputs["sessionRecord"]["get"];
export type RecordParticipant = SessionRecord["participants"][number];

export const sessionRecordKeys = {
  root: ["sessionRecord"] as const,
  record: (sessionId: string) => ["sessionRecord", "record", sessionId] as const,
  myActionItems: ["sessionRecord", "myActionItems"] as const,
};

export const sessionRecordQueries = {
  record: (sessionId: string) => ({
    queryKey: sessionRecordKeys.record(sessionId),
    queryFn: () => trpc.sessionRecord.get.query({ sessionId }),
    // NOT_FOUND stays NOT_FOUND.
    retry: false,
  }),
  myActionItems: () => ({
    queryKey: sessionRecordKeys.myActionItems,
    queryFn: () => trpc.sessionRecord.myActionItems.query(),
  }),
};

export const recordActions = {
  saveAgenda: (sessionId: string, agenda: string, updatedAt: Date) =>
    trpc.sessionRecord.saveAgenda.mutate({ sessionId, agenda, updatedAt }),
  saveSharedNotes: (sessionId: string, sharedNotes: string, updatedAt: Date) =>
    trpc.sessionRecord.saveSharedNotes.mutate({ sessionId, sharedNotes, updatedAt }),
  savePrivateNote: (sessionId: string, body: string, updatedAt: Date | null) =>
    trpc.sessionRecord.savePrivateNote.mutate({ sessionId, body, updatedAt }),
  addLink: (input: AddLinkInput) => trpc.sessionRecord.addLink.mutate(input),
  removeResource: (resourceId: string) => trpc.sessionRecord.removeResource.mutate({ resourceId }),
  addActionItem: (input: AddActionItemInput) => trpc.sessionRecord.addActionItem.mutate(input),
  setActionItemDone: (itemId: string, done: boolean) => trpc.sessionRecord.setActionItemDone.mutate({ itemId, done }),
  checkIn: (sessionId: string) => trpc.sessionRecord.checkIn.mutate({ sessionId }),
  markAttendance: (input: MarkAttendanceInput) => trpc.sessionRecord.markAttendance.mutate(input),
  complete: (sessionId: string) => trpc.sessionRecord.complete.mutate({ sessionId }),
};

export const RESOURCE_ACCEPT =
  "application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.pdf,.png,.jpg,.jpeg,.docx";

/** POST /uploads/session-resource takes the raw bytes; the server reads the real type from them. */
export async function uploadResource(sessionId: string, file: File): Promise<{ resourceId: string; url: string }> {
  const params = new URLSearchParams({ sessionId, filename: file.name });
  const res = await fetch(`/uploads/session-resource?${params}`, {
    method: "POST",
    body: file,
    credentials: "same-origin",
    headers: { "Content-Type": file.type || "application/octet-stream" },
  });
  const body = (await res.json().catch(() => null)) as {
    resourceId?: string;
    url?: string;
    error?: { code?: string; message?: string; fieldErrors?: Record<string, string[]> };
  } | null;
  if (!res.ok || !body || body.error || !body.resourceId || !body.url) {
    const e = body?.error;
    const code = (e?.code ?? "INTERNAL") as ConstructorParameters<typeof HttpAppError>[0];
    throw new HttpAppError(code, e?.message ?? "The upload failed.", e?.fieldErrors ?? {});
  }
  return { resourceId: body.resourceId, url: body.url };
}

/** The viewer's profile zone: another participant's time is added only when theirs differs. */
export const viewerZone = () => displayTimeZone();

export function formatWhen(date: Date, timeZone: string) {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short", timeZone }).format(date);
}
// timeStyle cannot be combined with timeZoneName, so the clock parts are spelled out.
export function formatClock(date: Date, timeZone: string) {
  return new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit", timeZoneName: "short", timeZone }).format(date);
}
