import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { sql } from "drizzle-orm";
import sirv from "sirv";
import { handleGoogleCallback, handleGoogleStart } from "./auth/google-routes";
import {
  cookieSettings,
  readCookie,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  sessionCookieMaxAge,
  validateSessionToken,
} from "./auth/session";
import type { AppDeps } from "./deps";
import { AppError, httpStatusOf } from "./errors";
import { twilioSignatureValid } from "./integrations/sms/twilio-sms-sender";
import {
  CONNECT_CALLBACK_PATH,
  CONNECT_START_PATH,
  handleCalendarConnectCallback,
  handleCalendarConnectStart,
  serveCalendarFeed,
} from "./modules/calendar-sync/calendar-routes";
import { unsubscribe } from "./modules/notification/notification.service";
import { handleInboundSms, recordSmsStatus, twiml } from "./modules/notification/sms-webhooks.service";
import { DOCUMENT_MAX_BYTES } from "./modules/onboarding/onboarding.schema";
import { onboardingDepsOf } from "./modules/onboarding/onboarding.service";
import { attachmentDisposition, readDocument, uploadDocument } from "./modules/onboarding/onboarding-documents.service";
import { PHOTO_MAX_BYTES, readPhoto, savePhoto } from "./modules/profile/profile.service";
import { RESOURCE_MAX_BYTES, readResource, sessionRecordDepsOf, uploadResource } from "./modules/session-record/session-files.service";
import { attachSocketServer, type IoServer } from "./realtime/io";
import { isCrossSite, isKnownHost, allowedOrigins as originsFor } from "./request-guards";
import { appRouter } from "./router";
import type { Context, RequestInfo } from "./trpc";

export const MAX_JSON_BODY = 256 * 1024;

export type AppServer = { server: Server; io: IoServer; close(): Promise<void> };

export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers["x-forwarded-for"];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/**
 * `document` is false for the hashed scripts, styles and fonts under /assets/: such a, style or font response ignores CSP, framing,
 * opener, referrer and permissions policies (they apply to the document that loads it), so those headers are sent
 * only with pages and API answers. Leaving them off the assets saves about 0.5 KiB per file on a cold load (the
 * sign-in page loads 17). nosniff and HSTS do apply to every response and stay.
 */
const SUBRESOURCE = /\.(js|css|woff2?)$/;

// Built once at start-up rather than joined again for every response on the read path.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Inline style attributes are set by the UI library and the calendar; no inline scripts are allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

function setSecurityHeaders(res: ServerResponse, production: boolean, https: boolean, document: boolean) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (production && https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (!document) return;
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(JSON.stringify(body));
}

function sendAppError(res: ServerResponse, err: AppError) {
  sendJson(res, httpStatusOf[err.code], { error: { code: err.code, message: err.message, fieldErrors: err.fieldErrors ?? {} } });
}

export { isCrossSite } from "./request-guards";

/** `field` and `tooLarge` name the form field an oversized upload is reported on. */
async function readBody(
  req: IncomingMessage,
  limit: number,
  field = "photo",
  tooLarge = "The photo is larger than 2 MB.",
): Promise<Uint8Array> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit)
    throw new AppError("VALIDATION", `The upload is too large (limit ${Math.round(limit / 1024 / 1024)} MB).`, {
      [field]: [tooLarge],
    });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError("VALIDATION", "The upload is too large.", { [field]: [tooLarge] });
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The built client, served by sirv: the precompressed .br / .gz copies the build writes (client/vite.config.ts)
 * go to browsers that accept them, with `Vary: Accept-Encoding` so caches keep the encodings apart. Hashed files
 * under /assets/ never change, so browsers keep them for a year; index.html (and the SPA fallback: any page URL
 * without a file extension) must be revalidated so a new release is picked up. The security headers set before
 * this runs (CSP etc.) stay on every response. The file list is read once at start-up.
 */
function staticHandler(root: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const serve = sirv(root, {
    single: true,
    brotli: true,
    gzip: true,
    etag: true,
    dotfiles: false,
    setHeaders(res, pathname) {
      res.setHeader("Cache-Control", pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  // sirv answers or calls `next` synchronously: `next` means no such file (a missing /assets/x.js, say), left to the 404.
  return (req, res) => {
    let found = true;
    serve(req, res, () => {
      found = false;
    });
    return found;
  };
}

export type CreateAppOptions = { clientDir?: string | undefined };

export async function createApp(deps: AppDeps, opts: CreateAppOptions = {}): Promise<AppServer> {
  const cookie = cookieSettings(deps.config.publicUrl);
  const production = deps.config.env === "production";
  const https = deps.config.publicUrl.startsWith("https://");
  // Read per request: tests (and only tests) learn their port after createApp.
  // The public URL's origin, and the origin the request itself was addressed to (a browser cannot forge Host
  // cross-site), so http://127.0.0.1:3000 works as well as http://localhost:3000.
  const allowedOrigins = (req: IncomingMessage) => originsFor(req, deps.config.publicUrl);
  const clientDir = opts.clientDir ? path.resolve(opts.clientDir) : undefined;
  const serveStatic = clientDir ? staticHandler(clientDir) : undefined;

  async function authenticate(req: IncomingMessage, res: ServerResponse | undefined) {
    const token = readCookie(req.headers.cookie, cookie.name);
    if (!token) return null;
    const auth = await validateSessionToken(deps.db, deps.clock, token, deps.sessions);
    if (!auth) {
      res?.appendHeader("Set-Cookie", serializeBlankSessionCookie(cookie));
      return null;
    }
    if (auth.refreshed)
      res?.appendHeader("Set-Cookie", serializeSessionCookie(cookie, token, sessionCookieMaxAge(deps.clock, auth.session)));
    return auth;
  }

  const trpcHandler = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    maxBodySize: MAX_JSON_BODY,
    async createContext({ req, res }): Promise<Context> {
      const auth = await authenticate(req, res);
      const request: RequestInfo = {
        ip: clientIp(req, deps.config.trustProxy),
        userAgent: String(req.headers["user-agent"] ?? ""),
        cookieHeader: req.headers.cookie,
      };
      return {
        ...deps,
        request,
        user: auth?.user ?? null,
        sessionId: auth?.session.id ?? null,
        setCookie: (c) => res.appendHeader("Set-Cookie", c),
      };
    },
    onError({ error, path: procPath }) {
      if (error.code === "INTERNAL_SERVER_ERROR" && !(error.cause instanceof AppError)) {
        deps.logger.error({ err: error.cause ?? error, path: procPath }, "procedure failed");
      }
    },
    responseMeta() {
      return { headers: { "Cache-Control": "no-store" } };
    },
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://x");
    const p = url.pathname;
    setSecurityHeaders(res, production, https, !(p.startsWith("/assets/") && SUBRESOURCE.test(p)));
    const method = req.method ?? "GET";

    if (p === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (p === "/readyz") {
      try {
        await deps.db.execute(sql`select 1`);
        return sendJson(res, 200, { status: "ready", database: deps.dbKind });
      } catch {
        return sendJson(res, 503, { status: "unavailable" });
      }
    }

    // Health probes are exempt (a load balancer calls them by an internal address and they reveal nothing).
    if (!isKnownHost(req.headers.host, deps.config.publicUrl, deps.config.allowedHosts)) {
      deps.logger.warn({ path: p, host: req.headers.host }, "unknown Host refused");
      return sendJson(res, 421, { error: { code: "FORBIDDEN", message: "This server does not answer for that host name." } });
    }

    const mutating = method !== "GET" && method !== "HEAD" && method !== "OPTIONS";
    if (mutating && isCrossSite(req, allowedOrigins(req))) {
      deps.logger.warn({ path: p, origin: req.headers.origin }, "cross-site request refused");
      return sendJson(res, 403, { error: { code: "FORBIDDEN", message: "Cross-site requests are not allowed." } });
    }

    if (p.startsWith("/trpc/")) return trpcHandler(req, res);

    if ((p === "/webhooks/twilio/status" || p === "/webhooks/twilio/inbound") && method === "POST") {
      const twilio = deps.config.twilio;
      if (!twilio) return sendAppError(res, new AppError("NOT_FOUND", "Twilio is not configured."));
      const params = Object.fromEntries(new URLSearchParams(Buffer.from(await readBody(req, 64 * 1024)).toString("utf8")));
      // The signature covers the exact public URL Twilio called plus the POST parameters.
      const signature = String(req.headers["x-twilio-signature"] ?? "");
      if (!signature || !twilioSignatureValid(twilio.authToken, signature, `${deps.config.publicUrl}${req.url ?? p}`, params)) {
        deps.logger.warn({ path: p }, "forged or unsigned Twilio webhook refused");
        return sendJson(res, 403, { error: { code: "FORBIDDEN", message: "Twilio request validation failed." } });
      }
      // A replay (a MessageSid, or a message's status, already acted on) changes nothing and gets a 200 with an
      // empty TwiML, so Twilio does not retry it.
      const replayed = () => {
        deps.logger.warn({ path: p, messageSid: params.MessageSid ?? params.SmsSid }, "replayed Twilio webhook ignored");
        res.statusCode = 200;
        res.setHeader("Content-Type", "text/xml; charset=utf-8");
        return res.end(twiml(null));
      };
      if (p.endsWith("/status")) {
        if ((await recordSmsStatus(deps, params)).replay) return replayed();
        res.statusCode = 204;
        return res.end();
      }
      const { reply, replay } = await handleInboundSms(deps, params);
      if (replay) return replayed();
      res.statusCode = 200;
      res.setHeader("Content-Type", "text/xml; charset=utf-8");
      return res.end(twiml(reply));
    }

    // RFC 8058 one-click unsubscribe: mail providers POST "List-Unsubscribe=One-Click" to the link, no sign-in.
    if (p === "/unsubscribe" && method === "POST") {
      const token = url.searchParams.get("token") ?? "";
      await unsubscribe(deps, token);
      return sendJson(res, 200, { ok: true });
    }

    if (p === CONNECT_START_PATH && method === "GET")
      return handleCalendarConnectStart(res, deps, (await authenticate(req, res))?.user ?? null, isCrossSite(req, allowedOrigins(req)));
    if (p === CONNECT_CALLBACK_PATH && method === "GET")
      return handleCalendarConnectCallback(req, res, deps, (await authenticate(req, res))?.user ?? null);
    // Calendar apps poll the private feed without a session; the token in the path is the only key.
    const feedMatch = /^\/calendar\/feed\/([^/]{1,200})\.ics$/.exec(p);
    if (feedMatch && (method === "GET" || method === "HEAD")) return serveCalendarFeed(req, res, deps, feedMatch[1] as string);

    if (p === "/auth/google/start" && method === "GET") return handleGoogleStart(req, res, deps);
    if (p === "/auth/google/callback" && method === "GET")
      return handleGoogleCallback(req, res, deps, clientIp(req, deps.config.trustProxy));

    if (p === "/uploads/photo") {
      if (method !== "POST") return sendJson(res, 405, { error: { code: "VALIDATION", message: "Use POST." } });
      const auth = await authenticate(req, res);
      if (!auth) return sendAppError(res, new AppError("UNAUTHENTICATED", "Please sign in."));
      const body = await readBody(req, PHOTO_MAX_BYTES);
      const result = await savePhoto({ db: deps.db, clock: deps.clock, files: deps.files }, auth.user.id, body);
      return sendJson(res, 200, result);
    }

    // Mentor checklist documents: raw bytes in the body, programId, kind and the original filename in the query.
    if (p === "/uploads/document") {
      if (method !== "POST") return sendJson(res, 405, { error: { code: "VALIDATION", message: "Use POST." } });
      const auth = await authenticate(req, res);
      if (!auth) return sendAppError(res, new AppError("UNAUTHENTICATED", "Please sign in."));
      const body = await readBody(req, DOCUMENT_MAX_BYTES, "file", "The file is larger than 5 MB.");
      const result = await uploadDocument(onboardingDepsOf(deps), auth.user, Object.fromEntries(url.searchParams), body);
      return sendJson(res, 200, result);
    }

    const documentMatch = /^\/files\/documents\/([0-9a-f-]{36})$/.exec(p);
    if (documentMatch && (method === "GET" || method === "HEAD")) {
      const auth = await authenticate(req, res);
      if (!auth) return sendAppError(res, new AppError("UNAUTHENTICATED", "Please sign in."));
      // 404 rather than 403 for people who may not read it, so document ids are not confirmed to exist.
      const doc = await readDocument(deps, auth.user, documentMatch[1] as string);
      if (!doc) return sendAppError(res, new AppError("NOT_FOUND", "File not found."));
      res.statusCode = 200;
      res.setHeader("Content-Type", doc.contentType);
      res.setHeader("Content-Disposition", attachmentDisposition(doc.filename));
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Cache-Control", "private, no-store");
      return res.end(method === "HEAD" ? undefined : doc.data);
    }

    // Files shared in a session record: raw bytes in the body, sessionId and the original filename in the query.
    if (p === "/uploads/session-resource") {
      if (method !== "POST") return sendJson(res, 405, { error: { code: "VALIDATION", message: "Use POST." } });
      const auth = await authenticate(req, res);
      if (!auth) return sendAppError(res, new AppError("UNAUTHENTICATED", "Please sign in."));
      const body = await readBody(req, RESOURCE_MAX_BYTES, "file", "The file is larger than 5 MB.");
      const result = await uploadResource(sessionRecordDepsOf(deps), auth.user, Object.fromEntries(url.searchParams), body);
      return sendJson(res, 200, result);
    }

    const resourceMatch = /^\/files\/session-resources\/([0-9a-f-]{36})$/.exec(p);
    if (resourceMatch && (method === "GET" || method === "HEAD")) {
      const auth = await authenticate(req, res);
      if (!auth) return sendAppError(res, new AppError("UNAUTHENTICATED", "Please sign in."));
      const file = await readResource(deps, auth.user, resourceMatch[1] as string);
      if (!file) return sendAppError(res, new AppError("NOT_FOUND", "File not found."));
      res.statusCode = 200;
      res.setHeader("Content-Type", file.contentType);
      res.setHeader("Content-Disposition", attachmentDisposition(file.filename));
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Cache-Control", "private, no-store");
      return res.end(method === "HEAD" ? undefined : file.data);
    }

    const fileMatch = /^\/files\/([0-9a-f-]{36})$/.exec(p);
    if (fileMatch && (method === "GET" || method === "HEAD")) {
      const auth = await authenticate(req, res);
      if (!auth) return sendAppError(res, new AppError("UNAUTHENTICATED", "Please sign in."));
      const photo = await readPhoto(deps, fileMatch[1] as string);
      if (!photo) return sendAppError(res, new AppError("NOT_FOUND", "File not found."));
      res.statusCode = 200;
      res.setHeader("Content-Type", photo.contentType);
      res.setHeader("Cache-Control", "private, max-age=3600");
      return res.end(photo.data);
    }

    if (p.startsWith("/api/") || p.startsWith("/trpc") || p.startsWith("/uploads/") || p.startsWith("/files/")) {
      return sendAppError(res, new AppError("NOT_FOUND", `No route for ${method} ${p}`));
    }
    if ((method === "GET" || method === "HEAD") && serveStatic?.(req, res)) return;
    if (!clientDir && method === "GET" && (req.headers.accept ?? "").includes("text/html")) {
      res.statusCode = 200;
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      return res.end("<!doctype html><p>The client is served by Vite in development (npm run dev).</p>");
    }
    return sendAppError(res, new AppError("NOT_FOUND", `No route for ${method} ${p}`));
  }

  const server = createServer((req, res) => {
    // engine.io answers /socket.io/ itself on the same server.
    if (req.url?.startsWith("/socket.io/")) return;
    handle(req, res).catch((err) => {
      if (err instanceof AppError) return sendAppError(res, err);
      deps.logger.error({ err }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { error: { code: "INTERNAL", message: "Something went wrong on our side." } });
      else res.end();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  const io = await attachSocketServer(server, deps);
  await deps.sessions.start();

  return {
    server,
    io,
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await deps.realtime.close();
      await deps.sessions.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
