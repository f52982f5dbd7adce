import { publicProcedure, router } from "../../trpc";
import { devMailboxList, listDevMessagesInput } from "./dev-mailbox.schema";
import { listDevMessages } from "./dev-mailbox.service";

/** The dev mailbox: open to anyone signed in, showing each person their own messages (see the service). */
export const devMailboxRouter = router({
  list: publicProcedure
    .input(listDevMessagesInput)
    .output(devMailboxList)
    .query(({ ctx, input }) => listDevMessages({ db: ctx.db, mailer: ctx.mailer, sms: ctx.sms }, ctx.user, input)),
});
