import type { Db } from "../../../db/client";
import { devMessages } from "../../../db/schema/notifications";
import type { SmsMessage, SmsResult, SmsSender } from "./sms-sender";

/** With no Twilio configured, texts are stored and shown in the app's dev mailbox next to the emails. */
export function createDevSmsSender(db: Db): SmsSender {
  return {
    mode: "dev",
    description: "dev SMS outbox (texts are shown in the app at /dev/mailbox)",
    async send(message: SmsMessage): Promise<SmsResult> {
      const id = `dev-sms-${message.deliveryId}`;
      await db.insert(devMessages).values({ channel: "sms", to: message.to, text: message.body, messageId: id }).onConflictDoNothing();
      return { providerMessageId: id, providerStatus: "delivered" };
    },
  };
}
