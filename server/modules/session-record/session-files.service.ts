/**
 * Files shared in a session: raw bytes over POST /uploads/session-resource, stored in the FileStore, downloaded
 * over GET /files/session-resources/:id. The same safety as onboarding documents: the type is read from the
 * bytes (PDF, Word, PNG, JPEG), 5 MB at most, the stored name is cleaned, and only participants and the
 * program's staff download (anyone else gets 404, so resource ids are not confirmed to exist).
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { sessionResources } from "../../../db/schema/scheduling";
import type { SessionUser } from "../../auth/session";
import type { AppDeps } from "../../deps";
import { AppError } from "../../errors";
import type { FileStore } from "../../integrations/files/file-store";
import { audit } from "../auth/auth.service";
import { notifyDepsOf } from "../notification/outbox.service";
import { DOCUMENT_MAX_BYTES } from "../onboarding/onboarding.schema";
import { cleanFilename, sniffDocumentType } from "../onboarding/onboarding-documents.service";
import { uploadResourceParams } from "./session-record.schema";
import { assertCanEdit, loadRecordAccess, type RecordDeps, signalRecordChanged } from "./session-record-access";
import { assertRoomForResource, resourceDownloadPath } from "./session-resources.service";

export type FileDeps = RecordDeps & { files: FileStore };

export const RESOURCE_MAX_BYTES = DOCUMENT_MAX_BYTES;

export const sessionRecordDepsOf = (d: AppDeps): FileDeps => ({ db: d.db, files: d.files, ...notifyDepsOf(d) });

export async function uploadResource(
  deps: FileDeps,
  actor: SessionUser,
  rawParams: Record<string, string>,
  bytes: Uint8Array,
): Promise<{ resourceId: string; url: string }> {
  const parsed = uploadResourceParams.safeParse(rawParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw AppError.field(String(issue?.path[0] ?? "file"), issue?.message ?? "Invalid upload.");
  }
  const { sessionId, filename: rawName } = parsed.data;
  // Access first, so a stranger learns nothing about the session from the file checks.
  assertCanEdit(await loadRecordAccess(deps.db, actor, sessionId));
  if (bytes.length === 0) throw AppError.field("file", "The file is empty.");
  if (bytes.length > RESOURCE_MAX_BYTES) throw AppError.field("file", "The file is larger than 5 MB.");
  const type = sniffDocumentType(bytes);
  if (!type) throw AppError.field("file", "Upload a PDF, Word (.docx), PNG or JPEG file.");
  const title = cleanFilename(rawName, type.ext);
  const key = `session-resources/${sessionId}/${randomUUID()}.${type.ext}`;
  await deps.files.put(key, bytes);
  try {
    return await deps.db.transaction(async (tx) => {
      const access = await loadRecordAccess(tx, actor, sessionId, { lock: true });
      assertCanEdit(access);
      await assertRoomForResource(tx, sessionId);
      const [row] = await tx
        .insert(sessionResources)
        .values({
          sessionId,
          kind: "file",
          title,
          fileKey: key,
          contentType: type.contentType,
          byteSize: bytes.length,
          addedBy: actor.id,
          createdAt: deps.clock.now(),
        })
        .returning({ id: sessionResources.id });
      if (!row) throw new Error("no resource row");
      await audit(tx, deps.clock, {
        actorId: actor.id,
        action: "session.upload_resource",
        targetType: "session",
        targetId: sessionId,
        programId: access.session.programId,
        detail: title,
      });
      await signalRecordChanged(deps, tx, access);
      return { resourceId: row.id, url: resourceDownloadPath(row.id) };
    });
  } catch (err) {
    await deps.files.delete(key).catch(() => {});
    throw err;
  }
}

/** A shared file for download, or null (answered as 404) for anyone who may not read the session's record. */
export async function readResource(deps: { db: RecordDeps["db"]; files: FileStore }, reader: SessionUser, resourceId: string) {
  const [r] = await deps.db
    .select({
      sessionId: sessionResources.sessionId,
      key: sessionResources.fileKey,
      contentType: sessionResources.contentType,
      title: sessionResources.title,
    })
    .from(sessionResources)
    .where(eq(sessionResources.id, resourceId));
  if (!r?.key || !r.contentType) return null;
  try {
    await loadRecordAccess(deps.db, reader, r.sessionId);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") return null;
    throw err;
  }
  const data = await deps.files.get(r.key);
  return data ? { data, contentType: r.contentType, filename: r.title } : null;
}
