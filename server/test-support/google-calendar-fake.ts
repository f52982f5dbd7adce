/**
 * A local HTTP server speaking the parts of Google's APIs the calendar integration uses: the OAuth token endpoint
 * (refresh_token and authorization_code grants), token revocation, Calendar v3 events (insert, get, patch, delete)
 * and freeBusy. It checks bearer tokens like Google (401 for an unknown or expired one), records every request, and
 * can be told to fail the next requests. Free of vitest so e2e tests can use it too.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export type GoogleFakeRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** JSON body for the Calendar API, form fields for the token endpoint. */
  body: unknown;
  status: number;
};

export type GoogleFakeEvent = Record<string, unknown> & { id: string; status: string };

/** A failure for the next request whose path starts with `path` (default: any Calendar API request). */
export type GoogleFakeFailure = { status: number; body?: unknown; path?: string };

export type GoogleCalendarFake = {
  readonly url: string;
  readonly apiRootUrl: string;
  readonly tokenUrl: string;
  readonly revokeUrl: string;
  readonly authorizationUrl: string;
  readonly requests: GoogleFakeRequest[];
  readonly events: Map<string, GoogleFakeEvent>;
  readonly clientId: string;
  readonly clientSecret: string;
  /** A refresh token the token endpoint accepts. */
  addRefreshToken(refreshToken: string): void;
  /** Makes an issued access token invalid (as if revoked or expired at Google). */
  expireAccessToken(accessToken: string): void;
  /** Access tokens the token endpoint issued, in order. */
  readonly issuedAccessTokens: string[];
  /** Busy intervals freeBusy answers (ISO strings, as Google sends them). */
  busy: { start: string; end: string }[];
  /** An authorization code the token endpoint exchanges for these scopes (space-separated) and a refresh token. */
  addAuthorizationCode(code: string, grant: { scope: string; refreshToken?: string; codeVerifier?: string }): void;
  /** Conference creation answers "pending" first; the next events.get shows the link. */
  meetPending: boolean;
  failNext(...failures: GoogleFakeFailure[]): void;
  close(): Promise<void>;
};

export const FAKE_CLIENT_ID = "fake-client.apps.googleusercontent.com";
export const FAKE_CLIENT_SECRET = "fake-client-secret";

function googleError(status: number, reason: string, message: string, statusName?: string) {
  return {
    error: { code: status, message, errors: [{ domain: "global", reason, message }], ...(statusName ? { status: statusName } : {}) },
  };
}

export async function startGoogleCalendarFake(): Promise<GoogleCalendarFake> {
  const requests: GoogleFakeRequest[] = [];
  const events = new Map<string, GoogleFakeEvent>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const issuedAccessTokens: string[] = [];
  const codes = new Map<string, { scope: string; refreshToken?: string; codeVerifier?: string }>();
  const failures: GoogleFakeFailure[] = [];
  let meetCounter = 0;

  const meetLink = () => `https://meet.google.com/fak-${String(++meetCounter).padStart(4, "0")}-xyz`;
  const withMeet = (ev: GoogleFakeEvent, requestId: string) => {
    const uri = meetLink();
    ev.hangoutLink = uri;
    ev.conferenceData = {
      createRequest: { requestId, conferenceSolutionKey: { type: "hangoutsMeet" }, status: { statusCode: "success" } },
      entryPoints: [{ entryPointType: "video", uri, label: uri.replace("https://", "") }],
      conferenceSolution: { key: { type: "hangoutsMeet" }, name: "Google Meet" },
      conferenceId: uri.split("/").pop(),
    };
  };

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  function issueAccessToken() {
    const token = `ya29.fake-${randomBytes(6).toString("hex")}`;
    accessTokens.add(token);
    issuedAccessTokens.push(token);
    return token;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, record: (status: number, body: unknown) => void) {
    const url = new URL(req.url ?? "/", "http://fake");
    const raw = await readBody(req);
    const isForm = (req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded");
    const body: unknown = raw === "" ? undefined : isForm ? Object.fromEntries(new URLSearchParams(raw)) : JSON.parse(raw);
    const send = (status: number, payload?: unknown) => {
      record(status, body);
      if (payload === undefined) {
        res.writeHead(status).end();
        return;
      }
      res.writeHead(status, { "Content-Type": "application/json; charset=UTF-8" }).end(JSON.stringify(payload));
    };

    const index = failures.findIndex((f) => url.pathname.startsWith(f.path ?? "/calendar/"));
    const failure = index === -1 ? undefined : failures.splice(index, 1)[0];
    if (failure) return send(failure.status, failure.body ?? googleError(failure.status, "backendError", "Injected failure"));

    if (req.method === "POST" && url.pathname === "/token") {
      const form = (body ?? {}) as Record<string, string>;
      // arctic's generic client sends the secret by HTTP Basic auth, google-auth-library in the body.
      const basic = req.headers.authorization?.startsWith("Basic ")
        ? Buffer.from(req.headers.authorization.slice(6), "base64").toString("utf8").split(":").map(decodeURIComponent)
        : undefined;
      const clientId = basic?.[0] ?? form.client_id;
      const clientSecret = basic?.[1] ?? form.client_secret;
      if (clientId !== FAKE_CLIENT_ID || clientSecret !== FAKE_CLIENT_SECRET) {
        return send(401, { error: "invalid_client", error_description: "The OAuth client was not found." });
      }
      if (form.grant_type === "refresh_token") {
        if (!form.refresh_token || !refreshTokens.has(form.refresh_token)) {
          return send(400, { error: "invalid_grant", error_description: "Token has been expired or revoked." });
        }
        return send(200, { access_token: issueAccessToken(), expires_in: 3599, token_type: "Bearer", scope: "" });
      }
      if (form.grant_type === "authorization_code") {
        const grant = form.code ? codes.get(form.code) : undefined;
        if (!grant || (grant.codeVerifier && grant.codeVerifier !== form.code_verifier)) {
          return send(400, { error: "invalid_grant", error_description: "Bad Request" });
        }
        codes.delete(form.code as string);
        if (grant.refreshToken) refreshTokens.add(grant.refreshToken);
        return send(200, {
          access_token: issueAccessToken(),
          expires_in: 3599,
          token_type: "Bearer",
          scope: grant.scope,
          ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
        });
      }
      return send(400, { error: "unsupported_grant_type" });
    }

    if (req.method === "POST" && url.pathname === "/revoke") {
      const token = url.searchParams.get("token") ?? "";
      if (!refreshTokens.delete(token) && !accessTokens.delete(token)) return send(400, { error: "invalid_token" });
      return send(200, {});
    }

    const bearer = req.headers.authorization?.startsWith("Bearer ") ? req.headers.authorization.slice(7) : undefined;
    if (!bearer || !accessTokens.has(bearer)) {
      return send(401, googleError(401, "authError", "Request had invalid authentication credentials.", "UNAUTHENTICATED"));
    }

    const eventsPath = "/calendar/v3/calendars/primary/events";
    if (req.method === "POST" && url.pathname === eventsPath) {
      const input = body as GoogleFakeEvent & { conferenceData?: { createRequest?: { requestId?: string } } };
      const id = input.id ?? `ev${randomBytes(8).toString("hex")}`;
      if (events.has(id)) return send(409, googleError(409, "duplicate", "The requested identifier already exists."));
      const ev: GoogleFakeEvent = { ...input, id, status: "confirmed", htmlLink: `https://calendar.google.com/event?eid=${id}` };
      delete ev.conferenceData;
      const requestId = input.conferenceData?.createRequest?.requestId;
      if (requestId && url.searchParams.get("conferenceDataVersion") === "1") {
        if (fake.meetPending) {
          ev.conferenceData = {
            createRequest: { requestId, conferenceSolutionKey: { type: "hangoutsMeet" }, status: { statusCode: "pending" } },
          };
          ev.pendingMeetRequestId = requestId;
        } else withMeet(ev, requestId);
      }
      events.set(id, ev);
      return send(200, ev);
    }

    const match = url.pathname.startsWith(`${eventsPath}/`) ? decodeURIComponent(url.pathname.slice(eventsPath.length + 1)) : undefined;
    if (match !== undefined) {
      const ev = events.get(match);
      if (!ev) return send(404, googleError(404, "notFound", "Not Found"));
      if (req.method === "GET") {
        if (typeof ev.pendingMeetRequestId === "string") {
          withMeet(ev, ev.pendingMeetRequestId);
          delete ev.pendingMeetRequestId;
        }
        return send(200, ev);
      }
      if (req.method === "PATCH") {
        const patch = body as Record<string, unknown> & { conferenceData?: { createRequest?: { requestId?: string } } };
        const { conferenceData, ...rest } = patch;
        Object.assign(ev, rest);
        const requestId = conferenceData?.createRequest?.requestId;
        if (requestId && url.searchParams.get("conferenceDataVersion") === "1" && !ev.conferenceData) withMeet(ev, requestId);
        return send(200, ev);
      }
      if (req.method === "DELETE") {
        // Google keeps deleted events as "cancelled"; deleting again answers 410 Gone.
        if (ev.status === "cancelled") return send(410, googleError(410, "deleted", "Resource has been deleted"));
        ev.status = "cancelled";
        return send(204);
      }
    }

    if (req.method === "POST" && url.pathname === "/calendar/v3/freeBusy") {
      const q = body as { timeMin: string; timeMax: string; items: { id: string }[] };
      const min = Date.parse(q.timeMin);
      const max = Date.parse(q.timeMax);
      const busy = fake.busy.filter((b) => Date.parse(b.start) < max && Date.parse(b.end) > min);
      return send(200, {
        kind: "calendar#freeBusy",
        timeMin: q.timeMin,
        timeMax: q.timeMax,
        calendars: Object.fromEntries(q.items.map((i) => [i.id, { busy }])),
      });
    }

    return send(404, googleError(404, "notFound", `No route for ${req.method} ${url.pathname}`));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const entry: GoogleFakeRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body: undefined,
      status: 0,
    };
    requests.push(entry);
    handle(req, res, (status, body) => {
      entry.status = status;
      entry.body = body;
    }).catch((err) => {
      entry.status = 500;
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("fake did not start");
  const base = `http://127.0.0.1:${address.port}`;

  const fake: GoogleCalendarFake = {
    url: base,
    apiRootUrl: `${base}/`,
    tokenUrl: `${base}/token`,
    revokeUrl: `${base}/revoke`,
    authorizationUrl: `${base}/auth`,
    requests,
    events,
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    issuedAccessTokens,
    busy: [],
    meetPending: false,
    addRefreshToken: (t) => void refreshTokens.add(t),
    expireAccessToken: (t) => void accessTokens.delete(t),
    addAuthorizationCode: (code, grant) => void codes.set(code, grant),
    failNext: (...f) => void failures.push(...f),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
  return fake;
}
