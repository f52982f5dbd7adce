import type { IncomingMessage, ServerResponse } from "node:http";
import { generateCodeVerifier, generateState } from "arctic";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema/users";
import type { AppDeps } from "../deps";
import { audit } from "../modules/auth/auth.service";
import { OAuthClaimError } from "./oauth";
import { cookieSettings, createSession, invalidateSession, readCookie, SESSION_IDLE_MS, serializeSessionCookie } from "./session";

const FLOW_COOKIES = ["oauth_state", "oauth_verifier", "oauth_nonce"] as const;
const FLOW_MAX_AGE = 600;

function flowCookie(name: string, value: string, secure: boolean, maxAge = FLOW_MAX_AGE) {
  return `${name}=${value}; HttpOnly; SameSite=Lax; Path=/auth/google; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

function redirect(res: ServerResponse, location: string, cookies: string[] = []) {
  res.statusCode = 302;
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  res.setHeader("Location", location);
  res.setHeader("Cache-Control", "no-store");
  res.end();
}

/** GET /auth/google/start: state + PKCE verifier + nonce in short-lived HttpOnly cookies, then off to the provider. */
export async function handleGoogleStart(_req: IncomingMessage, res: ServerResponse, deps: AppDeps) {
  if (!deps.oauth) return redirect(res, "/sign-in?error=google_unavailable");
  const state = generateState();
  const verifier = generateCodeVerifier();
  const nonce = generateState();
  let url: URL;
  try {
    url = await deps.oauth.authorizationURL(state, verifier, nonce, { hostedDomain: deps.config.google?.allowedHostedDomain });
  } catch (err) {
    deps.logger.warn({ err: String(err) }, "google sign-in unavailable");
    return redirect(res, "/sign-in?error=google_unavailable");
  }
  const secure = cookieSettings(deps.config.publicUrl).secure;
  redirect(res, url.toString(), [
    flowCookie("oauth_state", state, secure),
    flowCookie("oauth_verifier", verifier, secure),
    flowCookie("oauth_nonce", nonce, secure),
  ]);
}

type Outcome = { ok: true; userId: string; created: boolean } | { ok: false; error: string };

async function resolveAccount(deps: AppDeps, identity: Awaited<ReturnType<NonNullable<AppDeps["oauth"]>["exchange"]>>): Promise<Outcome> {
  if (!identity.emailVerified) return { ok: false, error: "google_email_unverified" };
  const allowedHd = deps.config.google?.allowedHostedDomain;
  if (allowedHd && identity.hostedDomain?.toLowerCase() !== allowedHd.toLowerCase()) return { ok: false, error: "google_wrong_domain" };
  return deps.db.transaction(async (tx) => {
    // The account is keyed on the provider's stable subject, never on the email (emails can be reassigned).
    const [bySub] = await tx.select({ id: users.id, status: users.status }).from(users).where(eq(users.googleSub, identity.sub));
    if (bySub) {
      if (bySub.status !== "active") return { ok: false as const, error: "suspended" };
      return { ok: true as const, userId: bySub.id, created: false };
    }
    const [byEmail] = await tx
      .select({ id: users.id, status: users.status, verified: users.emailVerifiedAt, googleSub: users.googleSub })
      .from(users)
      .where(eq(users.email, identity.email));
    if (byEmail) {
      if (byEmail.status !== "active") return { ok: false as const, error: "suspended" };
      // Link only when both sides have verified the address; otherwise someone could pre-register a victim's email.
      if (!byEmail.verified || byEmail.googleSub) return { ok: false as const, error: "google_link_unverified" };
      await tx.update(users).set({ googleSub: identity.sub, updatedAt: deps.clock.now() }).where(eq(users.id, byEmail.id));
      await audit(tx, deps.clock, { actorId: byEmail.id, action: "auth.google_linked", targetType: "user", targetId: byEmail.id });
      return { ok: true as const, userId: byEmail.id, created: false };
    }
    const [created] = await tx
      .insert(users)
      .values({
        email: identity.email,
        name: identity.name?.trim() || identity.email.split("@")[0] || "New member",
        googleSub: identity.sub,
        emailVerifiedAt: deps.clock.now(),
        createdAt: deps.clock.now(),
        updatedAt: deps.clock.now(),
      })
      .returning({ id: users.id });
    if (!created) throw new Error("no user row");
    await audit(tx, deps.clock, { actorId: created.id, action: "auth.sign_up_google", targetType: "user", targetId: created.id });
    return { ok: true as const, userId: created.id, created: true };
  });
}

/** GET /auth/google/callback: checks state, exchanges the code, verifies the ID token, signs in. */
export async function handleGoogleCallback(req: IncomingMessage, res: ServerResponse, deps: AppDeps, ip: string) {
  const secure = cookieSettings(deps.config.publicUrl).secure;
  const clearFlow = FLOW_COOKIES.map((n) => flowCookie(n, "", secure, 0));
  if (!deps.oauth) return redirect(res, "/sign-in?error=google_unavailable", clearFlow);
  const url = new URL(req.url ?? "/", "http://x");
  const code = url.searchParams.get("code");
  const state = url.searchParams.get("state");
  const cookieHeader = req.headers.cookie;
  const storedState = readCookie(cookieHeader, "oauth_state");
  const verifier = readCookie(cookieHeader, "oauth_verifier");
  const nonce = readCookie(cookieHeader, "oauth_nonce");
  if (url.searchParams.get("error")) return redirect(res, "/sign-in?error=google_cancelled", clearFlow);
  if (!code || !state || !storedState || !verifier || !nonce || state !== storedState) {
    return redirect(res, "/sign-in?error=google_state", clearFlow);
  }
  let outcome: Outcome;
  try {
    const identity = await deps.oauth.exchange(code, verifier, nonce);
    outcome = await resolveAccount(deps, identity);
  } catch (err) {
    deps.logger.warn({ err: err instanceof OAuthClaimError ? err.message : String(err) }, "google sign-in failed");
    outcome = { ok: false, error: err instanceof OAuthClaimError ? "google_token" : "google_failed" };
  }
  if (!outcome.ok) {
    await audit(deps.db, deps.clock, { actorId: null, action: "auth.google_refused", detail: outcome.error, ip });
    return redirect(res, `/sign-in?error=${outcome.error}`, clearFlow);
  }
  const previous = readCookie(cookieHeader, cookieSettings(deps.config.publicUrl).name)?.split(".")[0];
  const session = await deps.db.transaction(async (tx) => {
    if (previous) await invalidateSession(tx, previous);
    const s = await createSession(tx, deps.clock, outcome.userId, String(req.headers["user-agent"] ?? ""));
    await audit(tx, deps.clock, { actorId: outcome.userId, action: "auth.sign_in_google", ip });
    return s;
  });
  const sessionCookie = serializeSessionCookie(cookieSettings(deps.config.publicUrl), session.token, Math.floor(SESSION_IDLE_MS / 1000));
  redirect(res, outcome.created ? "/welcome" : "/", [...clearFlow, sessionCookie]);
}
