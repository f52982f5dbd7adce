import { and, desc, eq, or } from "drizzle-orm";
import { z } from "zod";
import { devMessages } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import { AppError } from "../../errors";
import { publicProcedure, router } from "../../trpc";

const message = z.object({
  id: z.string(),
  channel: z.enum(["email", "sms"]),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  createdAt: z.date(),
});

/**
 * The dev mailbox shows what the dev mailer and dev SMS sender captured. Outside production anyone may read
 * it (it is how a newcomer reads the verification mail with zero credentials); in production only platform
 * admins, and each signed-in person their own messages.
 */
export const devMailboxRouter = router({
  list: publicProcedure
    .input(z.object({ to: z.string().max(254).optional(), limit: z.number().int().min(1).max(100).default(50) }))
    .output(z.object({ enabled: z.boolean(), scope: z.enum(["all", "mine"]), messages: z.array(message) }))
    .query(async ({ ctx, input }) => {
      const enabled = ctx.mailer.mode === "dev" || ctx.sms.mode === "dev";
      const seesAll = ctx.config.env !== "production" || ctx.user?.isPlatformAdmin === true;
      if (!seesAll && !ctx.user) throw new AppError("UNAUTHENTICATED", "Please sign in.");
      let mine: string[] = [];
      if (!seesAll && ctx.user) {
        const [u] = await ctx.db.select({ email: users.email, phone: users.phone }).from(users).where(eq(users.id, ctx.user.id));
        mine = [u?.email, u?.phone].filter((x): x is string => !!x);
      }
      const rows = await ctx.db
        .select({
          id: devMessages.id,
          channel: devMessages.channel,
          to: devMessages.to,
          subject: devMessages.subject,
          text: devMessages.text,
          html: devMessages.html,
          createdAt: devMessages.createdAt,
        })
        .from(devMessages)
        .where(
          and(input.to ? eq(devMessages.to, input.to) : undefined, seesAll ? undefined : or(...mine.map((m) => eq(devMessages.to, m)))),
        )
        .orderBy(desc(devMessages.createdAt))
        .limit(input.limit);
      return { enabled, scope: seesAll ? ("all" as const) : ("mine" as const), messages: rows };
    }),
});
