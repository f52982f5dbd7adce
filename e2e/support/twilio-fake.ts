/**
 * A local HTTP server speaking Twilio's Messages API, for the official SDK pointed at it with
 * `client.api.baseUrl` (the app does that from TWILIO_API_BASE_URL). It checks HTTP Basic auth like Twilio,
 * answers `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with a 201 message resource and
 * `GET` on the same path with a page of messages (Twilio's list filters To, From, DateSent, DateSent>= and
 * DateSent<=, newest first, PageSize/Page), records every request, and can be told to fail the next requests
 * (429, 500, a 400 with a Twilio error code, or no answer at all, with or without the message created).
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
  /** The query string of a GET (a list's To, From, DateSent>, PageSize, ...). */
  query: Record<string, string>;
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
  /** When the carrier took it; null while Twilio still holds it queued (a test may set it back to null). */
  dateSent: Date | null;
};

/** What the next request should get instead of a 201. */
export type TwilioFailure =
  | { status: 429 }
  | { status: 500 | 502 | 503 }
  | { status: 400; code: number; message?: string }
  | { status: 401 | 403 | 404; code?: number; message?: string }
  /**
   * No HTTP answer: the connection is dropped ("drop") or left open until close() ("hang"). With `accepted` the
   * message is created first, as when Twilio took it and its answer was lost (or our process died waiting).
   */
  | { noAnswer: "drop" | "hang"; accepted: boolean };

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
  /** The next requests to the Messages resource (one each, in order, creates and lists) get these failures. */
  failNext(...failures: TwilioFailure[]): void;
  /** Drops the connections of requests left hanging by a `{ noAnswer: "hang" }` failure. */
  dropHungRequests(): void;
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
const rfc2822 = (d: Date) => d.toUTCString().replace("GMT", "+0000");
const DAY = /^\d{4}-\d{2}-\d{2}$/;
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

/** Twilio's DateSent filter: a day (YYYY-MM-DD) covers the whole UTC day; a date-time is compared as it is. */
function dateSentMatches(sent: Date | null, query: URLSearchParams): boolean {
  const on = query.get("DateSent");
  const after = query.get("DateSent>");
  const before = query.get("DateSent<");
  if (on === null && after === null && before === null) return true;
  if (!sent) return false;
  const t = sent.getTime();
  const dayStart = (v: string) => Date.parse(`${v}T00:00:00Z`);
  if (on !== null && (DAY.test(on) ? t < dayStart(on) || t >= dayStart(on) + 86_400_000 : t !== Date.parse(on))) return false;
  if (after !== null && t < (DAY.test(after) ? dayStart(after) : Date.parse(after))) return false;
  if (before !== null && t > (DAY.test(before) ? dayStart(before) + 86_400_000 - 1 : Date.parse(before))) return false;
  return true;
}

export async function startTwilioFake(
  opts: { accountSid?: string; authToken?: string; fromNumber?: string; now?: () => Date } = {},
): Promise<TwilioFake> {
  const now = opts.now ?? (() => new Date());
  const accountSid = opts.accountSid ?? FAKE_ACCOUNT_SID;
  const authToken = opts.authToken ?? FAKE_AUTH_TOKEN;
  const fromNumber = opts.fromNumber ?? FAKE_FROM_NUMBER;
  const requests: TwilioFakeRequest[] = [];
  const messages: TwilioFakeMessage[] = [];
  const failures: TwilioFailure[] = [];
  const waiters = new Set<() => void>();
  const hung = new Set<IncomingMessage>();

  const resource = (m: TwilioFakeMessage) => ({
    account_sid: accountSid,
    api_version: "2010-04-01",
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: m.dateSent ? rfc2822(m.dateSent) : null,
    date_updated: rfc2822(m.dateSent ?? m.dateCreated),
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: "0",
    num_segments: "1",
    price: null,
    price_unit: "USD",
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`,
  });

  /** GET Messages.json: Twilio's list resource, newest first, one page. */
  function listPage(path: string, query: URLSearchParams) {
    const pageSize = Math.min(Math.max(Number(query.get("PageSize") ?? 50) || 50, 1), 1000);
    const page = Math.max(Number(query.get("Page") ?? 0) || 0, 0);
    const to = query.get("To");
    const from = query.get("From");
    const found = messages
      .filter((m) => (to === null || m.to === to) && (from === null || m.from === from) && dateSentMatches(m.dateSent, query))
      .sort((a, b) => (b.dateSent ?? b.dateCreated).getTime() - (a.dateSent ?? a.dateCreated).getTime());
    const slice = found.slice(page * pageSize, (page + 1) * pageSize);
    const uriFor = (n: number) => {
      const q = new URLSearchParams(query);
      q.set("PageSize", String(pageSize));
      q.set("Page", String(n));
      return `${path}?${q.toString()}`;
    };
    return {
      end: page * pageSize + Math.max(slice.length - 1, 0),
      first_page_uri: uriFor(0),
      messages: slice.map(resource),
      next_page_uri: (page + 1) * pageSize < found.length ? uriFor(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? uriFor(page - 1) : null,
      start: page * pageSize,
      uri: uriFor(page),
    };
  }

  function accept(params: Record<string, string>): TwilioFakeMessage {
    const at = now();
    const message: TwilioFakeMessage = {
      sid: `SM${hex(16)}`,
      to: params.To as string,
      from: params.From ?? null,
      messagingServiceSid: params.MessagingServiceSid ?? null,
      body: params.Body as string,
      statusCallback: params.StatusCallback,
      status: params.MessagingServiceSid && !params.From ? "accepted" : "queued",
      dateCreated: at,
      // The fake hands every text to the carrier at once; a test can set dateSent back to null to keep it queued.
      dateSent: at,
    };
    messages.push(message);
    for (const w of waiters) w();
    return message;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestUrl = new URL(req.url ?? "/", "http://fake");
    const path = requestUrl.pathname;
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
      query: Object.fromEntries(requestUrl.searchParams),
      status: 0,
      receivedAt: now(),
    };
    requests.push(record);
    const answer = (status: number, body: unknown) => {
      record.status = status;
      json(res, status, body);
    };

    if (!record.authorized) return answer(401, errorBody(401, 20003, "Authenticate"));
    if (!pathAccount || (method !== "POST" && method !== "GET"))
      return answer(404, errorBody(404, 20404, `The requested resource ${path} was not found`));
    if (pathAccount !== accountSid) return answer(403, errorBody(403, 20003, "Permission denied for this account"));

    const failure = failures.shift();
    if (failure && "noAnswer" in failure) {
      if (failure.accepted && method === "POST" && params.To && params.Body) accept(params);
      if (failure.noAnswer === "drop") req.socket.destroy();
      else hung.add(req);
      return;
    }
    if (failure) {
      const d = defaultFailure[failure.status] ?? { code: 20500, message: "Error" };
      const code = "code" in failure && failure.code !== undefined ? failure.code : d.code;
      const message = "message" in failure && failure.message !== undefined ? failure.message : d.message;
      return answer(failure.status, errorBody(failure.status, code, message));
    }

    if (method === "GET") return answer(200, listPage(path, requestUrl.searchParams));

    // The checks Twilio makes on every create.
    if (!params.To) return answer(400, errorBody(400, 21604, "A 'To' phone number is required."));
    if (!E164.test(params.To)) return answer(400, errorBody(400, 21211, `The 'To' number ${params.To} is not a valid phone number.`));
    if (!params.From && !params.MessagingServiceSid) {
      return answer(400, errorBody(400, 21603, "A 'From' phone number is required."));
    }
    if (!params.Body) return answer(400, errorBody(400, 21602, "Message body is required."));

    // The create's answer: the resource as Twilio returns it at once (queued, not yet handed to the carrier).
    answer(201, { ...resource(accept(params)), date_sent: null });
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
    dropHungRequests() {
      for (const req of hung) req.socket.destroy();
      hung.clear();
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
      if (m.dateSent === null && status !== "queued" && status !== "accepted") m.dateSent = now();
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
