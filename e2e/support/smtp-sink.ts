/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed. The app talks to it exactly as
 * it talks to Gmail: PLAIN/LOGIN auth with a fixed user and password, no STARTTLS (loopback only).
 * `stop()` / `start()` simulate an outage on the same port; `failWith()` makes it answer every message with an
 * SMTP error. Free of vitest so server tests and e2e tests share it.
 */

import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { waitForItems } from "./wait-for-items";

export const SMTP_SINK_USER = "mailer@example.test";
export const SMTP_SINK_PASS = "sink-app-password";

export type SinkMessage = {
  messageId: string;
  from: string;
  to: string[];
  /** RCPT TO addresses as the server saw them. */
  envelopeTo: string[];
  subject: string;
  text: string;
  html: string | undefined;
  /** Attached files as received (a calendar invite is `text/calendar; method=...`), text decoded as UTF-8. */
  attachments: { filename: string | undefined; contentType: string; content: string }[];
  headers: Map<string, unknown>;
  authUser: string | undefined;
  receivedAt: Date;
};

export type SmtpSink = {
  readonly host: string;
  readonly port: number;
  readonly messages: SinkMessage[];
  /** The SMTP_* variables that point the app at this sink. */
  env(): Record<string, string>;
  /** Resolves once at least `count` messages (matching `filter`) have arrived. */
  waitFor(count: number, opts?: { timeoutMs?: number; filter?: (m: SinkMessage) => boolean }): Promise<SinkMessage[]>;
  /** Messages received per Message-ID. */
  countsByMessageId(): Map<string, number>;
  /** Answer every following message with this SMTP error (4xx: the sender should retry; 5xx: permanent). */
  failWith(code: number, message?: string): void;
  /** Accept messages again after failWith. */
  recover(): void;
  /** Outage: closes the port and drops open connections. */
  stop(): Promise<void>;
  /** Comes back on the same port. */
  start(): Promise<void>;
  readonly running: boolean;
  close(): Promise<void>;
};

/** The attachment's Content-Type with its parameters ("text/calendar; method=CANCEL; charset=utf-8"). */
function fullContentType(type: string, header: unknown): string {
  const params = (header as { params?: Record<string, string> } | undefined)?.params ?? {};
  return [type, ...Object.entries(params).map(([k, v]) => `${k}=${v}`)].join("; ");
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  if (!a) return [];
  const list = Array.isArray(a) ? a : [a];
  return list.flatMap((o) => o.value.map((v) => v.address ?? "")).filter(Boolean);
}

export async function startSmtpSink(
  opts: { user?: string; pass?: string; port?: number; delayMs?: number; mailFrom?: string } = {},
): Promise<SmtpSink> {
  const user = opts.user ?? SMTP_SINK_USER;
  const pass = opts.pass ?? SMTP_SINK_PASS;
  const host = "127.0.0.1";
  const messages: SinkMessage[] = [];
  const waiters = new Set<() => void>();
  let failure: { code: number; message: string } | undefined;
  let server: SMTPServer | undefined;
  let port = opts.port ?? 0;

  const options: SMTPServerOptions = {
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    closeTimeout: 50,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) return cb(null, { user: auth.username });
      return cb(new Error("Invalid username or password"));
    },
    onData(stream, session, cb) {
      if (failure) {
        const { code, message } = failure;
        stream.resume();
        stream.on("end", () => cb(Object.assign(new Error(message), { responseCode: code })));
        return;
      }
      simpleParser(stream).then(
        async (m) => {
          if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
          messages.push({
            messageId: m.messageId ?? "",
            from: addresses(m.from)[0] ?? "",
            to: addresses(m.to),
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            subject: m.subject ?? "",
            text: m.text ?? "",
            html: typeof m.html === "string" ? m.html : undefined,
            attachments: m.attachments.map((a) => ({
              filename: a.filename,
              contentType: fullContentType(a.contentType, a.headers.get("content-type")),
              content: a.content.toString("utf8"),
            })),
            headers: m.headers,
            authUser: typeof session.user === "string" ? session.user : undefined,
            receivedAt: new Date(),
          });
          for (const w of waiters) w();
          cb();
        },
        (err: Error) => cb(err),
      );
    },
  };

  async function start() {
    if (server) return;
    const s = new SMTPServer(options);
    s.on("error", () => {
      /* a client dropping mid-session is not the sink's problem */
    });
    await new Promise<void>((resolve, reject) => {
      s.server.once("error", reject);
      s.listen(port, host, () => {
        s.server.off("error", reject);
        resolve();
      });
    });
    const addr = s.server.address();
    port = typeof addr === "object" && addr ? addr.port : port;
    server = s;
  }

  async function stop() {
    const s = server;
    if (!s) return;
    server = undefined;
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  await start();

  return {
    host,
    get port() {
      return port;
    },
    messages,
    get running() {
      return server !== undefined;
    },
    env() {
      return {
        SMTP_HOST: host,
        SMTP_PORT: String(port),
        SMTP_SECURE: "false",
        SMTP_IGNORE_TLS: "true",
        SMTP_USER: user,
        SMTP_PASS: pass,
        MAIL_FROM: opts.mailFrom ?? "Mentoring <no-reply@mentoring.example.test>",
      };
    },
    waitFor(count, wopts = {}) {
      return waitForItems(
        messages,
        waiters,
        count,
        wopts,
        (got) => `the SMTP sink got ${got} of ${count} expected messages in ${wopts.timeoutMs ?? 30_000} ms`,
      );
    },
    countsByMessageId() {
      const counts = new Map<string, number>();
      for (const m of messages) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      return counts;
    },
    failWith(code, message = code >= 500 ? "Requested action not taken" : "Try again later") {
      failure = { code, message };
    },
    recover() {
      failure = undefined;
    },
    start,
    stop,
    close: stop,
  };
}
