import { queryOptions } from "@tanstack/solid-query";
import { HttpAppError } from "../../lib/errors";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type Intake = RouterOutputs["onboarding"]["myIntake"];
export type MyChecklist = RouterOutputs["onboarding"]["myChecklist"];
export type ChecklistStepView = MyChecklist["steps"][number];
export type ChecklistConfig = RouterOutputs["onboarding"]["checklistConfig"];
export type ReviewItem = RouterOutputs["onboarding"]["reviewQueue"][number];

// Under the programs root: "account:changed" (sent to a mentor after every review) refreshes the program keys,
// and so will "program:changed" for staff.
const root = [...queryKeys.programs, "onboarding"] as const;

export const onboardingQueries = {
  intake: (programId: string, role: "mentor" | "mentee") =>
    queryOptions({
      queryKey: [...root, "intake", programId, role] as const,
      queryFn: () => trpc.onboarding.myIntake.query({ programId, role }),
    }),
  checklist: (programId: string) =>
    queryOptions({ queryKey: [...root, "checklist", programId] as const, queryFn: () => trpc.onboarding.myChecklist.query({ programId }) }),
  config: (programId: string) =>
    queryOptions({
      queryKey: [...root, "config", programId] as const,
      queryFn: () => trpc.onboarding.checklistConfig.query({ programId }),
    }),
  queue: (programId: string) =>
    queryOptions({ queryKey: [...root, "queue", programId] as const, queryFn: () => trpc.onboarding.reviewQueue.query({ programId }) }),
};

export async function invalidateOnboarding(): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: root });
}

export const stepStatusLabels = {
  todo: "To do",
  submitted: "Waiting for review",
  approved: "Approved",
  rejected: "Needs changes",
} as const;
export const stepStatusTones = { todo: "neutral", submitted: "amber", approved: "green", rejected: "red" } as const;
export const weekdayLabels = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
export const communicationLabels = { video: "Video call", phone: "Phone", chat: "Chat", "in-person": "In person" } as const;
export const urgencyLabels = { low: "No rush", medium: "In the next few weeks", high: "As soon as possible" } as const;

export const DOCUMENT_ACCEPT =
  "application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document,.pdf,.png,.jpg,.jpeg,.docx";

/** POST /uploads/document takes the raw bytes; the server checks the real type from them. */
export async function uploadDocument(programId: string, kind: string, file: File): Promise<{ documentId: string; url: string }> {
  const params = new URLSearchParams({ programId, kind, filename: file.name });
  const res = await fetch(`/uploads/document?${params}`, {
    method: "POST",
    body: file,
    credentials: "same-origin",
    headers: { "Content-Type": file.type || "application/octet-stream" },
  });
  const body = (await res.json().catch(() => null)) as {
    documentId?: string;
    url?: string;
    error?: { code?: string; message?: string; fieldErrors?: Record<string, string[]> };
  } | null;
  if (!res.ok || !body || body.error || !body.documentId || !body.url) {
    const e = body?.error;
    const code = (e?.code ?? "INTERNAL") as ConstructorParameters<typeof HttpAppError>[0];
    throw new HttpAppError(code, e?.message ?? "The upload failed.", e?.fieldErrors ?? {});
  }
  return { documentId: body.documentId, url: body.url };
}
