/**
 * Inputs of the session record procedures (shared with the client forms) and the record's shape. Text limits are
 * generous for notes and short for titles; a link must be a web address (http or https), nothing else.
 */
import { z } from "zod";
import { sessionKinds, sessionStatuses } from "../../../db/schema/enums";

export const NOTES_MAX = 20_000;
export const TITLE_MAX = 200;
/** A session holds at most this many resources and action items (a record, not a file share). */
export const MAX_RESOURCES = 50;
export const MAX_ACTION_ITEMS = 100;
/** Check-in opens this long before the start. */
export const CHECK_IN_OPENS_MINUTES = 10;

const sessionId = z.uuid("Not a valid session id.");
const version = z.date({ message: "Reload the page and try again." });

export const sessionIdInput = z.object({ sessionId });

export const saveAgendaInput = z.object({
  sessionId,
  agenda: z.string().max(NOTES_MAX, "Use at most 20,000 characters."),
  /** The record's updatedAt when the text was loaded: a save over someone else's newer change is refused. */
  updatedAt: version,
});
export type SaveAgendaInput = z.infer<typeof saveAgendaInput>;

export const saveSharedNotesInput = z.object({
  sessionId,
  sharedNotes: z.string().max(NOTES_MAX, "Use at most 20,000 characters."),
  updatedAt: version,
});
export type SaveSharedNotesInput = z.infer<typeof saveSharedNotesInput>;

export const savePrivateNoteInput = z.object({
  sessionId,
  body: z.string().max(NOTES_MAX, "Use at most 20,000 characters."),
  /** Null when there was no note yet. */
  updatedAt: version.nullable(),
});
export type SavePrivateNoteInput = z.infer<typeof savePrivateNoteInput>;

const webAddress = z
  .string()
  .trim()
  .min(1, "Enter the link's web address.")
  .max(2000, "Use at most 2,000 characters.")
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "Enter a web address starting with http:// or https://.");

export const addLinkInput = z.object({
  sessionId,
  title: z.string().trim().min(1, "Give the link a title.").max(TITLE_MAX, "Use at most 200 characters."),
  url: webAddress,
});
export type AddLinkInput = z.infer<typeof addLinkInput>;

export const resourceIdInput = z.object({ resourceId: z.uuid("Not a valid resource id.") });

/** Query string of POST /uploads/session-resource (the body is the file's bytes). */
export const uploadResourceParams = z.object({
  sessionId,
  filename: z.string().max(1000).default(""),
});

export const addActionItemInput = z.object({
  sessionId,
  title: z.string().trim().min(1, "Say what is to be done.").max(TITLE_MAX, "Use at most 200 characters."),
  ownerId: z.uuid("Choose who does it."),
  dueOn: z.iso.date("Use a date like 2026-03-09.").nullable(),
});
export type AddActionItemInput = z.infer<typeof addActionItemInput>;

export const setActionItemDoneInput = z.object({ itemId: z.uuid("Not a valid action item id."), done: z.boolean() });
export type SetActionItemDoneInput = z.infer<typeof setActionItemDoneInput>;

export const attendanceValues = ["attended", "no_show"] as const;
export const markAttendanceInput = z.object({
  sessionId,
  userId: z.uuid("Choose a participant."),
  /** Null clears the mark (a cleared no-show no longer counts as a strike). */
  attendance: z.enum(attendanceValues).nullable(),
});
export type MarkAttendanceInput = z.infer<typeof markAttendanceInput>;

const person = z.object({ id: z.string(), name: z.string() });

export const recordOutput = z.object({
  id: z.string(),
  kind: z.enum(sessionKinds),
  title: z.string(),
  programId: z.string(),
  programName: z.string(),
  matchId: z.string().nullable(),
  start: z.date(),
  end: z.date(),
  status: z.enum(sessionStatuses),
  meetUrl: z.string(),
  cancelReason: z.string(),
  completedAt: z.date().nullable(),
  completedBy: person.nullable(),
  /** Who is reading: a participant's role, or null for program staff who read without taking part. */
  viewer: z.object({
    role: z.enum(["mentor", "mentee"]).nullable(),
    isStaff: z.boolean(),
    canEdit: z.boolean(),
    canComplete: z.boolean(),
    /** The participants whose attendance the viewer may mark. */
    canMark: z.array(z.string()),
  }),
  participants: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.enum(["mentor", "mentee"]),
      timeZone: z.string(),
      checkedInAt: z.date().nullable(),
      attendance: z.enum(attendanceValues).nullable(),
    }),
  ),
  agenda: z.string(),
  sharedNotes: z.string(),
  updatedAt: z.date(),
  /** Only for participants, and only their own. */
  privateNote: z.object({ body: z.string(), updatedAt: z.date().nullable() }).nullable(),
  resources: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["link", "file"]),
      title: z.string(),
      /** The web address of a link, or the download path of a file. */
      url: z.string(),
      contentType: z.string().nullable(),
      byteSize: z.number().nullable(),
      addedBy: person.nullable(),
      createdAt: z.date(),
      canRemove: z.boolean(),
    }),
  ),
  actionItems: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      owner: person.nullable(),
      dueOn: z.string().nullable(),
      doneAt: z.date().nullable(),
      doneBy: person.nullable(),
      createdAt: z.date(),
    }),
  ),
  checkIn: z.object({ opensAt: z.date(), closesAt: z.date() }),
});
export type RecordOutput = z.infer<typeof recordOutput>;

export const myActionItemsOutput = z.array(
  z.object({
    id: z.string(),
    title: z.string(),
    dueOn: z.string().nullable(),
    sessionId: z.string(),
    sessionStart: z.date(),
    sessionTitle: z.string(),
  }),
);

export const savedOutput = z.object({ updatedAt: z.date() });
export const okOutput = z.object({ ok: z.literal(true) });
