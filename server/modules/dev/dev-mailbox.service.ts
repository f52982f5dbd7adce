import { and, desc, eq, or } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { deliveries, devMessages } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import type { SessionUser } from "../../auth/session";
import { AppError } from "../../errors";
import type { DevMailboxList, ListDevMessagesInput } from "./dev-mailbox.schema";

export type DevMailboxDeps = { db: Db; mailer: { mode: "dev" | "real" }; sms: { mode: "dev" | "real" } };

/** The mailbox exists only while email or SMS is captured instead of sent. */
export function devMailboxEnabled(deps: Pick<DevMailboxDeps, "mailer" | "sms">): boolean {
  return deps.mailer.mode === "dev" || deps.sms.mode === "dev";
}

const columns = {
  id: devMessages.id,
  channel: devMessages.channel,
  to: devMessages.to,
  subject: devMessages.subject,
  text: devMessages.text,
  html: devMessages.html,
  createdAt: devMessages.createdAt,
};

/**
 * What the dev mailer and dev SMS sender captured, newest first. The captured mail holds sign-in secrets
 * (verification and reset links, phone codes), so the rule is the same whatever NODE_ENV says: nobody reads
 * it anonymously, platform admins read everything, and anyone else, verified or not, reads only what the app
 * sent to them. "Sent to them" means both: the delivery was for their account, and it went to their current
 * email address or phone. Phone numbers are not unique, so the address alone would show one person's texts to
 * whoever typed the same number into their profile.
 */
export async function listDevMessages(
  deps: DevMailboxDeps,
  viewer: SessionUser | null,
  input: Required<Pick<ListDevMessagesInput, "limit">> & Pick<ListDevMessagesInput, "to">,
): Promise<DevMailboxList> {
  const scope = viewer?.isPlatformAdmin ? ("all" as const) : ("mine" as const);
  if (!devMailboxEnabled(deps)) return { enabled: false, scope, shownFor: null, messages: [] };
  if (!viewer) throw new AppError("UNAUTHENTICATED", "Sign in to read the messages sent to you.");
  const toFilter = input.to ? eq(devMessages.to, input.to) : undefined;

  if (viewer.isPlatformAdmin) {
    const messages = await deps.db
      .select(columns)
      .from(devMessages)
      .where(toFilter)
      .orderBy(desc(devMessages.createdAt))
      .limit(input.limit);
    return { enabled: true, scope, shownFor: null, messages };
  }

  const [me] = await deps.db.select({ email: users.email, phone: users.phone }).from(users).where(eq(users.id, viewer.id));
  if (!me) throw new AppError("UNAUTHENTICATED", "Sign in to read the messages sent to you.");
  const addresses = [eq(devMessages.to, me.email), ...(me.phone ? [eq(devMessages.to, me.phone)] : [])];
  // Both capturing senders report the captured message id as the delivery's provider id (dev-mailer.ts,
  // dev-sms-sender.ts), which ties each captured message to the account it was sent for.
  const messages = await deps.db
    .select(columns)
    .from(devMessages)
    .innerJoin(deliveries, eq(deliveries.providerMessageId, devMessages.messageId))
    .where(and(eq(deliveries.userId, viewer.id), or(...addresses), toFilter))
    .orderBy(desc(devMessages.createdAt))
    .limit(input.limit);
  return { enabled: true, scope, shownFor: { email: me.email, phone: me.phone }, messages };
}
