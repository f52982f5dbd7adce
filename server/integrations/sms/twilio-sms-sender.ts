import twilio from "twilio";
import type { Config } from "../../config";
import { SmsError, type SmsMessage, type SmsResult, type SmsSender } from "./sms-sender";

type TwilioConfig = NonNullable<Config["twilio"]>;

// Twilio error codes that will not change on retry (https://www.twilio.com/docs/api/errors).
const PERMANENT_CODES = new Set([
  21211, // invalid 'To' number
  21214, // 'To' number cannot be reached
  21408, // region not enabled
  21610, // recipient replied STOP
  21612, // cannot route to this number
  21614, // not a mobile number
  21219, // trial: not a verified number
  30032, // toll-free number not verified
]);

/** Our clock and Twilio's may disagree a little; a text created this much before our attempt still counts as it. */
const CLOCK_SLACK_MS = 5 * 60_000;

function twilioError(err: unknown): SmsError {
  const e = err as { status?: number; code?: number; message?: string };
  const status = e.status;
  // 429 and 5xx are Twilio's "try again"; no HTTP status means a network error or timeout: also transient.
  const transient = status === undefined || status === 429 || status >= 500;
  const permanent = !transient && (PERMANENT_CODES.has(e.code ?? -1) || (status !== undefined && status >= 400 && status < 500));
  // No answer, or a gateway that may have passed the request on: Twilio may have created the message anyway.
  const outcomeUnknown = status === undefined || status === 500 || status === 502 || status === 504;
  return new SmsError(
    `Twilio ${status ?? "network"}${e.code ? ` error ${e.code}` : ""}: ${e.message ?? String(err)}`,
    permanent,
    e.code,
    outcomeUnknown,
  );
}

/** SMS through Twilio's Messages API with the official SDK. TWILIO_API_BASE_URL points it at a local peer in tests. */
export function createTwilioSmsSender(cfg: TwilioConfig): SmsSender {
  const client = twilio(cfg.accountSid, cfg.authToken, { autoRetry: false });
  if (cfg.apiBaseUrl) client.api.baseUrl = cfg.apiBaseUrl.replace(/\/$/, "");
  return {
    mode: "real",
    description: `Twilio ${cfg.messagingServiceSid ? `messaging service ${cfg.messagingServiceSid}` : `number ${cfg.from}`}`,
    async send(message: SmsMessage): Promise<SmsResult> {
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.body,
          ...(cfg.messagingServiceSid ? { messagingServiceSid: cfg.messagingServiceSid } : { from: cfg.from as string }),
          ...(message.statusCallbackUrl ? { statusCallback: message.statusCallbackUrl } : {}),
        });
        return { providerMessageId: sent.sid, providerStatus: sent.status };
      } catch (err) {
        throw twilioError(err);
      }
    },
    /**
     * Twilio's list of messages to that number (and from our number, unless a messaging service picks the sender),
     * sent on or after the attempt's day, matched on the body and a creation time no earlier than the attempt. A
     * text Twilio still holds queued has no DateSent yet and is missing from that filtered list, so the newest few
     * to the number are checked as well. Trial accounts prefix the body, hence the suffix match.
     */
    async findSent(query): Promise<SmsResult | null> {
      const since = query.since;
      const day = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()));
      const filters = { to: query.to, ...(cfg.messagingServiceSid ? {} : { from: cfg.from as string }) };
      const isOurs = (m: { body: string; dateCreated: Date }) =>
        (m.body === query.body || m.body.endsWith(query.body)) && m.dateCreated.getTime() >= since.getTime() - CLOCK_SLACK_MS;
      try {
        const found =
          (await client.messages.list({ ...filters, dateSentAfter: day, limit: 100 })).find(isOurs) ??
          (await client.messages.list({ ...filters, limit: 20 })).find(isOurs);
        return found ? { providerMessageId: found.sid, providerStatus: found.status } : null;
      } catch (err) {
        // Without an answer we cannot tell whether the text went out: never send blindly, try again later.
        const e = twilioError(err);
        throw new SmsError(`Could not ask Twilio whether an earlier attempt went out: ${e.message}`, false, e.providerCode, true);
      }
    },
  };
}

export function twilioSignatureValid(authToken: string, signature: string, url: string, params: Record<string, string>): boolean {
  return twilio.validateRequest(authToken, signature, url, params);
}
