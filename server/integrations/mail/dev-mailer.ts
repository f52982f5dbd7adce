import type { Db } from "../../../db/client";
import { devMessages } from "../../../db/schema/notifications";
import type { Mailer, MailMessage, SendResult } from "./mailer";

/** With no SMTP configured, mail is stored in the database and shown in the app's dev mailbox. */
export function createDevMailer(db: Db): Mailer {
  return {
    mode: "dev",
    description: "dev mailbox (messages are shown in the app at /dev/mailbox)",
    async send(message: MailMessage): Promise<SendResult> {
      // The unique message id makes a retried send a no-op, like a receiver that drops duplicates.
      await db
        .insert(devMessages)
        .values({
          channel: "email",
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html ?? null,
          messageId: message.messageId,
        })
        .onConflictDoNothing();
      return { providerMessageId: message.messageId };
    },
    async close() {},
  };
}
