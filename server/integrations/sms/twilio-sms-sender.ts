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
        const e = err as { status?: number; code?: number; message?: string };
        const status = e.status;
        // 429 and 5xx are Twilio's "try again"; no HTTP status means a network error or timeout: also transient.
        const transient = status === undefined || status === 429 || status >= 500;
        const permanent = !transient && (PERMANENT_CODES.has(e.code ?? -1) || (status !== undefined && status >= 400 && status < 500));
        throw new SmsError(
          `Twilio ${status ?? "network"}${e.code ? ` error ${e.code}` : ""}: ${e.message ?? String(err)}`,
          permanent,
          e.code,
        );
      }
    },
  };
}

export function twilioSignatureValid(authToken: string, signature: string, url: string, params: Record<string, string>): boolean {
  return twilio.validateRequest(authToken, signature, url, params);
}
