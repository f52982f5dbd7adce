import { z } from "zod";
import { type Context, platformAdminProcedure, router } from "../../trpc";
import * as deliveryLog from "../notification/delivery-log.service";
import { listUsersInput, setPlatformAdminInput, setUserStatusInput } from "./admin.schema";
import * as admin from "./admin.service";

const deps = (ctx: Context) => ({ db: ctx.db, clock: ctx.clock, realtime: ctx.realtime });
const ok = z.object({ ok: z.literal(true) });

export const adminRouter = router({
  users: platformAdminProcedure
    .input(listUsersInput)
    .output(z.object({ items: z.array(admin.adminUserRow), total: z.number(), page: z.number(), pageSize: z.number(), pages: z.number() }))
    .query(({ ctx, input }) => admin.listUsers(deps(ctx), input)),

  setUserStatus: platformAdminProcedure
    .input(setUserStatusInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await admin.setUserStatus(deps(ctx), ctx.user, input.userId, input.status, input.reason);
      return { ok: true as const };
    }),

  setPlatformAdmin: platformAdminProcedure
    .input(setPlatformAdminInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await admin.setPlatformAdmin(deps(ctx), ctx.user, input.userId, input.isPlatformAdmin);
      return { ok: true as const };
    }),

  deliveries: platformAdminProcedure
    .input(deliveryLog.listDeliveriesInput)
    .output(z.object({ items: z.array(deliveryLog.deliveryRow), total: z.number(), page: z.number(), pages: z.number() }))
    .query(({ ctx, input }) => deliveryLog.listDeliveries(ctx.db, input)),

  retryDelivery: platformAdminProcedure
    .input(z.object({ id: z.uuid("Not a valid delivery id.") }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await deliveryLog.retryDelivery(deps(ctx), ctx.user, input.id);
      return { ok: true as const };
    }),

  overview: platformAdminProcedure
    .output(
      z.object({
        users: z.number(),
        suspended: z.number(),
        deliveries: z.object({ pending: z.number(), sent: z.number(), failed: z.number(), dead: z.number() }),
      }),
    )
    .query(({ ctx }) => admin.overview(deps(ctx))),
});
