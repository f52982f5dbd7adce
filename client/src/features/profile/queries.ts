import { queryOptions } from "@tanstack/solid-query";
import { HttpAppError } from "../../lib/errors";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { type RouterOutputs, trpc } from "../../lib/trpc";

export type Profile = RouterOutputs["profile"]["mine"];

export const profileQueries = {
  mine: () => queryOptions({ queryKey: [...queryKeys.profiles, "mine"] as const, queryFn: () => trpc.profile.mine.query() }),
  get: (userId: string) =>
    queryOptions({ queryKey: [...queryKeys.profiles, "get", userId] as const, queryFn: () => trpc.profile.get.query({ userId }) }),
};

/** After any profile change: the profile itself, completeness on the home page, and the name/photo in the header. */
export async function invalidateProfile(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.profiles }),
    queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  ]);
}

export const PHOTO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** POST /uploads/photo takes the raw image bytes; errors come back as {error:{code,message,fieldErrors}}. */
export async function uploadPhoto(file: Blob): Promise<{ photoUrl: string | null }> {
  const res = await fetch("/uploads/photo", {
    method: "POST",
    body: file,
    credentials: "same-origin",
    headers: { "Content-Type": file.type || "application/octet-stream" },
  });
  const body = (await res.json().catch(() => null)) as {
    photoUrl?: string | null;
    error?: { code?: string; message?: string; fieldErrors?: Record<string, string[]> };
  } | null;
  if (!res.ok || !body || body.error) {
    const e = body?.error;
    const code = (e?.code ?? "INTERNAL") as ConstructorParameters<typeof HttpAppError>[0];
    throw new HttpAppError(code, e?.message ?? "The upload failed.", e?.fieldErrors ?? {});
  }
  return { photoUrl: body.photoUrl ?? null };
}
