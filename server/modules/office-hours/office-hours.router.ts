import { z } from "zod";
import { authedProcedure, type Context, programRoleProcedure, router } from "../../trpc";
import { notifyDepsOf } from "../notification/outbox.service";
import {
  cancelOfficeHoursInput,
  editOfficeHoursInput,
  hostOfficeHoursInput,
  hostOfficeHoursOutput,
  listOfficeHoursInput,
  moveOfficeHoursInput,
  officeHoursOutput,
  seatInput,
} from "./office-hours.schema";
import * as officeHours from "./office-hours.service";

const deps = (ctx: Context): officeHours.Deps => ({ db: ctx.db, ...notifyDepsOf(ctx) });

/**
 * Office hours of a program: its members list them, its active mentors and staff host them, its mentees and
 * mentors take and give back seats; the host and the program's staff edit, move and cancel them. Access to a
 * given session is checked in the service (outsiders are told it does not exist).
 */
export const officeHoursRouter = router({
  list: programRoleProcedure("mentor", "mentee", "coordinator")
    .input(listOfficeHoursInput)
    .output(z.array(officeHoursOutput))
    .query(({ ctx, input }) => officeHours.listOfficeHours(deps(ctx), ctx.user, input)),

  host: programRoleProcedure("mentor", "coordinator")
    .input(hostOfficeHoursInput)
    .output(hostOfficeHoursOutput)
    .mutation(({ ctx, input }) => officeHours.hostOfficeHours(deps(ctx), ctx.user, input)),

  edit: authedProcedure
    .input(editOfficeHoursInput)
    .output(officeHoursOutput)
    .mutation(({ ctx, input }) => officeHours.editOfficeHours(deps(ctx), ctx.user, input)),

  move: authedProcedure
    .input(moveOfficeHoursInput)
    .output(officeHoursOutput)
    .mutation(({ ctx, input }) => officeHours.moveOfficeHours(deps(ctx), ctx.user, input)),

  cancel: authedProcedure
    .input(cancelOfficeHoursInput)
    .output(officeHoursOutput)
    .mutation(({ ctx, input }) => officeHours.cancelOfficeHours(deps(ctx), ctx.user, input)),

  takeSeat: authedProcedure
    .input(seatInput)
    .output(officeHoursOutput)
    .mutation(({ ctx, input }) => officeHours.takeSeat(deps(ctx), ctx.user, input)),

  leave: authedProcedure
    .input(seatInput)
    .output(officeHoursOutput)
    .mutation(({ ctx, input }) => officeHours.leaveSeat(deps(ctx), ctx.user, input)),
});
