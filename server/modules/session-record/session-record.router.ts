import { z } from "zod";
import { authedProcedure, type Context, router } from "../../trpc";
import * as actionItems from "./session-action-items.service";
import * as attendance from "./session-attendance.service";
import { sessionRecordDepsOf } from "./session-files.service";
import {
  addActionItemInput,
  addLinkInput,
  attendanceValues,
  markAttendanceInput,
  myActionItemsOutput,
  okOutput,
  recordOutput,
  resourceIdInput,
  saveAgendaInput,
  savedOutput,
  savePrivateNoteInput,
  saveSharedNotesInput,
  sessionIdInput,
  setActionItemDoneInput,
} from "./session-record.schema";
import * as record from "./session-record.service";
import * as resources from "./session-resources.service";

const deps = (ctx: Context) => sessionRecordDepsOf(ctx);
const created = z.object({ id: z.string() });

/**
 * A session's record. Participants read and write it; the program's staff read it (never private notes), remove
 * resources, mark attendance and complete; everyone else gets NOT_FOUND. Access is checked in the services.
 */
export const sessionRecordRouter = router({
  get: authedProcedure
    .input(sessionIdInput)
    .output(recordOutput)
    .query(({ ctx, input }) => record.getRecord(deps(ctx), ctx.user, input.sessionId)),

  saveAgenda: authedProcedure
    .input(saveAgendaInput)
    .output(savedOutput)
    .mutation(({ ctx, input }) => record.saveAgenda(deps(ctx), ctx.user, input)),

  saveSharedNotes: authedProcedure
    .input(saveSharedNotesInput)
    .output(savedOutput)
    .mutation(({ ctx, input }) => record.saveSharedNotes(deps(ctx), ctx.user, input)),

  savePrivateNote: authedProcedure
    .input(savePrivateNoteInput)
    .output(savedOutput)
    .mutation(({ ctx, input }) => record.savePrivateNote(deps(ctx), ctx.user, input)),

  addLink: authedProcedure
    .input(addLinkInput)
    .output(created)
    .mutation(({ ctx, input }) => resources.addLink(deps(ctx), ctx.user, input)),

  removeResource: authedProcedure
    .input(resourceIdInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await resources.removeResource(deps(ctx), ctx.user, input.resourceId);
      return { ok: true as const };
    }),

  addActionItem: authedProcedure
    .input(addActionItemInput)
    .output(created)
    .mutation(({ ctx, input }) => actionItems.addActionItem(deps(ctx), ctx.user, input)),

  setActionItemDone: authedProcedure
    .input(setActionItemDoneInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => actionItems.setActionItemDone(deps(ctx), ctx.user, input)),

  myActionItems: authedProcedure.output(myActionItemsOutput).query(({ ctx }) => actionItems.myActionItems(deps(ctx), ctx.user)),

  checkIn: authedProcedure
    .input(sessionIdInput)
    .output(z.object({ checkedInAt: z.date() }))
    .mutation(({ ctx, input }) => attendance.checkIn(deps(ctx), ctx.user, input.sessionId)),

  markAttendance: authedProcedure
    .input(markAttendanceInput)
    .output(z.object({ attendance: z.enum(attendanceValues).nullable(), strikes: z.number().nullable() }))
    .mutation(({ ctx, input }) => attendance.markAttendance(deps(ctx), ctx.user, input)),

  complete: authedProcedure
    .input(sessionIdInput)
    .output(z.object({ status: z.enum(["completed", "no_show"]), completedAt: z.date() }))
    .mutation(({ ctx, input }) => attendance.completeSession(deps(ctx), ctx.user, input.sessionId)),
});
