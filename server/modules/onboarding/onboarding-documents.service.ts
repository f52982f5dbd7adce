/**
 * Checklist documents: upload (POST /uploads/document), removal, and download (GET /files/documents/:id).
 */

import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { checklistProgress, membershipDocuments, type ProgramChecklist, programMemberships } from "../../../db/schema/programs";
import { files } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import type { FileStore } from "../../integrations/files/file-store";
import { audit } from "../auth/auth.service";
import type { NotifyDeps } from "../notification/outbox.service";
import { hasProgramRole } from "../program/program-membership.service";
import { toProgramStaff } from "../program/staff-events.service";
import { DOCUMENT_MAX_BYTES, uploadDocumentParams } from "./onboarding.schema";
import { documentUrl, findOwnMembership, loadProgram, notifySubmitted, type OnboardingDeps, setProgress } from "./onboarding.service";

type SniffedType = { contentType: string; ext: string };

/** The bytes decide the type, never the declared Content-Type or the file name. */
export function sniffDocumentType(b: Uint8Array): SniffedType | null {
  const starts = (...sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return { contentType: "application/pdf", ext: "pdf" };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { contentType: "image/png", ext: "png" };
  if (starts(0xff, 0xd8, 0xff)) return { contentType: "image/jpeg", ext: "jpg" };
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    // A Word document is a ZIP whose entries include word/document.xml; other ZIPs are refused.
    const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 512 * 1024)).toString("latin1");
    if (head.includes("[Content_Types].xml") && head.includes("word/"))
      return { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ext: "docx" };
  }
  return null;
}

/** Keeps the original name readable but safe in a header and on any file system. */
export function cleanFilename(name: string, ext: string): string {
  const base = name
    .replace(/[\\/]/g, "_")
    .split("")
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .replace(/"/g, "'")
    .trim()
    .slice(0, 150);
  return base || `document.${ext}`;
}

/** Steps the documents step forward (todo -> submitted) or back (submitted -> todo) from the files present. */
async function syncDocumentsStep(
  tx: DbOrTx,
  deps: NotifyDeps,
  program: { id: string; name: string; checklist: ProgramChecklist },
  membershipId: string,
): Promise<void> {
  const kinds = program.checklist.documents;
  const present = new Set(
    (
      await tx
        .select({ kind: membershipDocuments.kind })
        .from(membershipDocuments)
        .where(eq(membershipDocuments.membershipId, membershipId))
    ).map((r) => r.kind),
  );
  const requiredKinds = kinds.filter((k) => k.required);
  const complete = requiredKinds.length > 0 ? requiredKinds.every((k) => present.has(k.kind)) : kinds.some((k) => present.has(k.kind));
  const [current] = await tx
    .select({ status: checklistProgress.status })
    .from(checklistProgress)
    .where(and(eq(checklistProgress.membershipId, membershipId), eq(checklistProgress.step, "documents")));
  const status = current?.status ?? "todo";
  if (complete && (status === "todo" || status === "rejected")) {
    await setProgress(tx, membershipId, "documents", {
      status: "submitted",
      completedAt: deps.clock.now(),
      reviewedAt: null,
      reviewedBy: null,
    });
    await notifySubmitted(tx, deps, program, membershipId, "documents");
  } else if (!complete && status === "submitted") {
    await setProgress(tx, membershipId, "documents", { status: "todo", completedAt: null });
    await toProgramStaff(deps.realtime, tx, program.id, "program:changed", { programId: program.id, what: "checklist" });
  }
}

export async function uploadDocument(
  deps: OnboardingDeps,
  actor: SessionUser,
  rawParams: Record<string, string>,
  bytes: Uint8Array,
): Promise<{ documentId: string; url: string }> {
  const parsed = uploadDocumentParams.safeParse(rawParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw AppError.field(String(issue?.path[0] ?? "file"), issue?.message ?? "Invalid upload.");
  }
  const params = parsed.data;
  const m = await findOwnMembership(deps.db, actor.id, params.programId, "mentor");
  const program = await loadProgram(deps.db, params.programId);
  const kind = program.checklist.documents.find((d) => d.kind === params.kind);
  if (!kind) throw AppError.field("kind", "This program does not ask for that kind of document.");
  if (bytes.length === 0) throw AppError.field("file", "The file is empty.");
  if (bytes.length > DOCUMENT_MAX_BYTES) throw AppError.field("file", "The file is larger than 5 MB.");
  const type = sniffDocumentType(bytes);
  if (!type) throw AppError.field("file", "Upload a PDF, Word (.docx), PNG or JPEG file.");
  const filename = cleanFilename(params.filename, type.ext);
  const key = `documents/${actor.id}/${randomUUID()}.${type.ext}`;
  await deps.files.put(key, bytes);
  try {
    return await deps.db.transaction(async (tx) => {
      const [step] = await tx
        .select({ status: checklistProgress.status })
        .from(checklistProgress)
        .where(and(eq(checklistProgress.membershipId, m.id), eq(checklistProgress.step, "documents")))
        .for("update");
      if (step?.status === "approved") throw new AppError("CONFLICT", "Your documents were already approved.");
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(membershipDocuments)
        .where(and(eq(membershipDocuments.membershipId, m.id), eq(membershipDocuments.kind, kind.kind)));
      if (Number(n) >= 5) throw AppError.field("file", `You can upload at most 5 files for "${kind.label}". Remove one first.`);
      const [f] = await tx
        .insert(files)
        .values({
          ownerId: actor.id,
          purpose: "document",
          filename,
          contentType: type.contentType,
          size: bytes.length,
          storageKey: key,
          createdAt: deps.clock.now(),
        })
        .returning({ id: files.id });
      if (!f) throw new Error("no file row");
      const [d] = await tx
        .insert(membershipDocuments)
        .values({ membershipId: m.id, kind: kind.kind, fileId: f.id, filename, createdAt: deps.clock.now() })
        .returning({ id: membershipDocuments.id });
      if (!d) throw new Error("no document row");
      await audit(tx, deps.clock, {
        actorId: actor.id,
        action: "onboarding.upload_document",
        targetType: "membership",
        targetId: m.id,
        detail: `${kind.kind}: ${filename}`,
        programId: program.id,
      });
      await syncDocumentsStep(tx, deps, program, m.id);
      await deps.realtime.toUser(tx, actor.id, "account:changed", {});
      return { documentId: d.id, url: documentUrl(d.id) };
    });
  } catch (err) {
    await deps.files.delete(key).catch(() => {});
    throw err;
  }
}

export async function removeDocument(deps: OnboardingDeps, actor: SessionUser, programId: string, documentId: string) {
  const key = await deps.db.transaction(async (tx) => {
    const m = await findOwnMembership(tx, actor.id, programId, "mentor");
    const [doc] = await tx
      .select({
        id: membershipDocuments.id,
        fileId: membershipDocuments.fileId,
        key: files.storageKey,
        filename: membershipDocuments.filename,
      })
      .from(membershipDocuments)
      .innerJoin(files, eq(files.id, membershipDocuments.fileId))
      .where(and(eq(membershipDocuments.id, documentId), eq(membershipDocuments.membershipId, m.id)));
    if (!doc) throw new AppError("NOT_FOUND", "Document not found.");
    const [step] = await tx
      .select({ status: checklistProgress.status })
      .from(checklistProgress)
      .where(and(eq(checklistProgress.membershipId, m.id), eq(checklistProgress.step, "documents")))
      .for("update");
    if (step?.status === "approved") throw new AppError("CONFLICT", "Approved documents cannot be removed.");
    const program = await loadProgram(tx, programId);
    await tx.delete(membershipDocuments).where(eq(membershipDocuments.id, doc.id));
    await tx.delete(files).where(eq(files.id, doc.fileId));
    await audit(tx, deps.clock, {
      actorId: actor.id,
      action: "onboarding.remove_document",
      targetType: "membership",
      targetId: m.id,
      detail: doc.filename,
      programId,
    });
    await syncDocumentsStep(tx, deps, program, m.id);
    return doc.key;
  });
  await deps.files.delete(key).catch(() => {});
}

/**
 * A checklist document for download, or null (answered as 404) unless the reader uploaded it, coordinates the
 * program, or is a platform admin.
 */
export async function readDocument(deps: { db: Db; files: FileStore }, reader: SessionUser, documentId: string) {
  const [d] = await deps.db
    .select({
      programId: programMemberships.programId,
      ownerId: programMemberships.userId,
      filename: membershipDocuments.filename,
      key: files.storageKey,
      contentType: files.contentType,
    })
    .from(membershipDocuments)
    .innerJoin(files, eq(files.id, membershipDocuments.fileId))
    .innerJoin(programMemberships, eq(programMemberships.id, membershipDocuments.membershipId))
    .where(eq(membershipDocuments.id, documentId));
  if (!d) return null;
  const allowed =
    reader.isPlatformAdmin || reader.id === d.ownerId || (await hasProgramRole(deps.db, reader.id, d.programId, ["coordinator"]));
  if (!allowed) return null;
  const data = await deps.files.get(d.key);
  return data ? { data, contentType: d.contentType, filename: d.filename } : null;
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the exact name in filename*. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
