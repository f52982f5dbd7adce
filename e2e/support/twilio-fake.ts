/**
 * A local HTTP server speaking Twilio's Messages API, for the official SDK pointed at it with
 * `client.api.baseUrl` (the app does that from TWILIO_API_BASE_URL). It checks HTTP Basic auth like Twilio,
 * answers `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with a 201 message resource, records every
 * request, and can be told to fail the next requests (429, 500, or a 400 with a Twilio error code).
 * It also plays Twilio's side of the webhooks: signed status callbacks to the StatusCallback URL a message
 * asked for, and signed inbound messages, using twilio's own getExpectedTwilioSignature.
 * Free of vitest so server tests and e2e tests share it.
 */

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import twilio from "twilio";
import { waitForItems } from "./wait-for-items";

export const FAKE_ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
export const FAKE_AUTH_TOKEN = "fake-twilio-auth-token-0123456789";
export const FAKE_FROM_NUMBER = "+15005550006";

/** One request as the fake saw it, whatever it answered. */
export type TwilioFakeRequest = {
  method: string;
  path: string;
  /** The account in the URL path (undefined for other paths). */
  accountSid: string | undefined;
  /** The Basic auth user name, if any. */
  authUser: string | undefined;
  /** True when the Basic credentials were this account's SID and auth token. */
  authorized: boolean;
  /** The form fields: To, From or MessagingServiceSid, Body, StatusCallback, ... */
  params: Record<string, string>;
  /** The HTTP status the fake answered. */
  status: number;
  receivedAt: Date;
};

/** A message resource the fake accepted (what `client.messages.create` returned). */
export type TwilioFakeMessage = {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | undefined;
  status: string;
  dateCreated: Date;
};

/** What the next request should get instead of a 201. */
export type TwilioFailure =
  | { status: 429 }
  | { status: 500 | 502 | 503 }
  | { status: 400; code: number; message?: string }
  | { status: 401 | 403 | 404; code?: number; message?: string };

export type WebhookResponse = { status: number; contentType: string; body: string };

export type TwilioFake = {
  readonly url: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly fromNumber: string;
  /** Every request, in order. */
  readonly requests: TwilioFakeRequest[];
  /** Every message accepted with a 201, in order. */
  readonly messages: TwilioFakeMessage[];
  /** The TWILIO_* variables that point the app at this fake. */
  env(): Record<string, string>;
  /** The next requests (one each, in order) get these failures instead of a 201. */
  failNext(...failures: TwilioFailure[]): void;
  /** Resolves once at least `count` messages (matching `filter`) have been accepted. */
  waitForMessages(count: number, opts?: { timeoutMs?: number; filter?: (m: TwilioFakeMessage) => boolean }): Promise<TwilioFakeMessage[]>;
  /**
   * Twilio's status callback for an accepted message, POSTed (signed) to the StatusCallback URL the message
   * asked for. `errorCode` goes with "undelivered" / "failed".
   */
  sendStatus(messageSid: string, status: string, opts?: { errorCode?: number; signature?: string }): Promise<WebhookResponse>;
  /** An inbound text from `from` to our number, POSTed (signed) to `webhookUrl`. */
  sendInbound(
    webhookUrl: string,
    msg: { from: string; body: string; optOutType?: string },
    opts?: { signature?: string },
  ): Promise<WebhookResponse>;
  /** POSTs form `params` to `url` with X-Twilio-Signature computed over `signedUrl` (default `url`), or the given signature. */
  postSigned(url: string, params: Record<string, string>, opts?: { signature?: string; signedUrl?: string }): Promise<WebhookResponse>;
  /** The signature Twilio would send for this URL and these parameters. */
  sign(url: string, params: Record<string, string>): string;
  close(): Promise<void>;
};

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const E164 = /^\+[1-9]\d{6,14}$/;

function errorBody(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

const defaultFailure: Record<number, { code: number; message: string }> = {
  400: { code: 21211, message: "The 'To' number is not a valid phone number." },
  401: { code: 20003, message: "Authenticate" },
  403: { code: 20003, message: "Permission denied" },
  404: { code: 20404, message: "The requested resource was not found" },
  429: { code: 20429, message: "Too Many Requests" },
  500: { code: 20500, message: "Internal Server Error" },
  502: { code: 20500, message: "Bad Gateway" },
  503: { code: 20503, message: "Service Unavailable" },
};

function basicAuth(req: IncomingMessage): { user: string; pass: string } | undefined {
  const header = req.headers.authorization ?? "";
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return undefined;
  return { user: decoded.slice(0, i), pass: decoded.slice(i + 1) };
}

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

export async function startTwilioFake(opts: { accountSid?: string; authToken?: string; fromNumber?: string } = {}): Promise<TwilioFake> {
  const accountSid = opts.accountSid ?? FAKE_ACCOUNT_SID;
  const authToken = opts.authToken ?? FAKE_AUTH_TOKEN;
  const fromNumber = opts.fromNumber ?? FAKE_FROM_NUMBER;
  const requests: TwilioFakeRequest[] = [];
  const messages: TwilioFakeMessage[] = [];
  const failures: TwilioFailure[] = [];
  const waiters = new Set<() => void>();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const method = req.method ?? "GET";
    const params = method === "POST" ? await readForm(req) : {};
    const auth = basicAuth(req);
    const pathAccount = MESSAGES_PATH.exec(path)?.[1];
    const record: TwilioFakeRequest = {
      method,
      path,
      accountSid: pathAccount,
      authUser: auth?.user,
      authorized: auth?.user === accountSid && auth.pass === authToken,
      params,
      status: 0,
      receivedAt: new Date(),
    };
    requests.push(record);
    const answer = (status: number, body: unknown) => {
      record.status = status;
      json(res, status, body);
    };

    if (!record.authorized) return answer(401, errorBody(401, 20003, "Authenticate"));
    if (!pathAccount || method !== "POST") return answer(404, errorBody(404, 20404, `The requested resource ${path} was not found`));
    if (pathAccount !== accountSid) return answer(403, errorBody(403, 20003, "Permission denied for this account"));

    const failure = failures.shift();
    if (failure) {
      const d = defaultFailure[failure.status] ?? { code: 20500, message: "Error" };
      const code = "code" in failure && failure.code !== undefined ? failure.code : d.code;
      const message = "message" in failure && failure.message !== undefined ? failure.message : d.message;
      return answer(failure.status, errorBody(failure.status, code, message));
    }

    // The checks Twilio makes on every create.
    if (!params.To) return answer(400, errorBody(400, 21604, "A 'To' phone number is required."));
    if (!E164.test(params.To)) return answer(400, errorBody(400, 21211, `The 'To' number ${params.To} is not a valid phone number.`));
    if (!params.From && !params.MessagingServiceSid) {
      return answer(400, errorBody(400, 21603, "A 'From' phone number is required."));
    }
    if (!params.Body) return answer(400, errorBody(400, 21602, "Message body is required."));

    const now = new Date();
    const message: TwilioFakeMessage = {
      sid: `SM${hex(16)}`,
      to: params.To,
      from: params.From ?? null,
      messagingServiceSid: params.MessagingServiceSid ?? null,
      body: params.Body,
      statusCallback: params.StatusCallback,
      status: params.MessagingServiceSid && !params.From ? "accepted" : "queued",
      dateCreated: now,
    };
    messages.push(message);
    const rfc2822 = now.toUTCString().replace("GMT", "+0000");
    answer(201, {
      account_sid: accountSid,
      api_version: "2010-04-01",
      body: message.body,
      date_created: rfc2822,
      date_sent: null,
      date_updated: rfc2822,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      num_media: "0",
      num_segments: "1",
      price: null,
      price_unit: "USD",
      sid: message.sid,
      status: message.status,
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}/Media.json` },
      to: message.to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
    });
    for (const w of waiters) w();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, errorBody(500, 20500, String(err)));
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  const url = `http://127.0.0.1:${port}`;

  const sign = (target: string, params: Record<string, string>) => twilio.getExpectedTwilioSignature(authToken, target, params);

  async function postSigned(
    target: string,
    params: Record<string, string>,
    popts: { signature?: string; signedUrl?: string } = {},
  ): Promise<WebhookResponse> {
    const signature = popts.signature ?? sign(popts.signedUrl ?? target, params);
    const res = await fetch(target, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": signature,
        "User-Agent": "TwilioProxy/1.1",
      },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
  }

  return {
    url,
    accountSid,
    authToken,
    fromNumber,
    requests,
    messages,
    env: () => ({
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_FROM_NUMBER: fromNumber,
      TWILIO_API_BASE_URL: url,
    }),
    failNext(...f) {
      failures.push(...f);
    },
    waitForMessages(count, wopts = {}) {
      return waitForItems(
        messages,
        waiters,
        count,
        wopts,
        (got) => `the Twilio fake accepted ${got} of ${count} expected messages in ${wopts.timeoutMs ?? 30_000} ms`,
      );
    },
    async sendStatus(messageSid, status, sopts = {}) {
      const m = messages.find((x) => x.sid === messageSid);
      if (!m) throw new Error(`the Twilio fake never accepted message ${messageSid}`);
      if (!m.statusCallback) throw new Error(`message ${messageSid} asked for no StatusCallback`);
      m.status = status;
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: "2010-04-01",
        From: m.from ?? fromNumber,
        To: m.to,
        MessageSid: m.sid,
        SmsSid: m.sid,
        MessageStatus: status,
        SmsStatus: status,
        ...(m.messagingServiceSid ? { MessagingServiceSid: m.messagingServiceSid } : {}),
        ...(sopts.errorCode !== undefined ? { ErrorCode: String(sopts.errorCode) } : {}),
      };
      return postSigned(m.statusCallback, params, sopts.signature !== undefined ? { signature: sopts.signature } : {});
    },
    sendInbound(webhookUrl, msg, iopts = {}) {
      const sid = `SM${hex(16)}`;
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: "2010-04-01",
        MessageSid: sid,
        SmsMessageSid: sid,
        SmsSid: sid,
        From: msg.from,
        To: fromNumber,
        Body: msg.body,
        NumMedia: "0",
        NumSegments: "1",
        SmsStatus: "received",
        ...(msg.optOutType ? { OptOutType: msg.optOutType } : {}),
      };
      return postSigned(webhookUrl, params, iopts.signature !== undefined ? { signature: iopts.signature } : {});
    },
    postSigned,
    sign,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
