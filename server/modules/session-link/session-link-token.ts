/**
 * The signed token behind a session email's one-click links. It names the session and the recipient and nothing
 * else: no expiry inside, because a link must follow the session when it moves. Whether it still works (session
 * live and not over, the person still a participant) is decided from the database each time it is used.
 */
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import type { Signer } from "../../auth/signing";

/** `k` keeps these apart from other signed links (unsubscribe tokens carry u/t/c and no k). */
const claim = z.object({ k: z.literal("session"), s: z.uuid(), u: z.uuid() });
export type SessionLinkClaim = { sessionId: string; userId: string };

export async function signSessionLink(signer: Signer, claimOf: SessionLinkClaim, tx?: DbOrTx): Promise<string> {
  return signer.sign({ k: "session", s: claimOf.sessionId, u: claimOf.userId } satisfies z.infer<typeof claim>, tx);
}

/** The claim of a genuine token; null for anything tampered, malformed or signed for another purpose. */
export async function readSessionLink(signer: Signer, token: string): Promise<SessionLinkClaim | null> {
  const raw = await signer.verify<unknown>(token.replace(PATH_SEPARATOR, "."));
  const parsed = claim.safeParse(raw);
  return parsed.success ? { sessionId: parsed.data.s, userId: parsed.data.u } : null;
}

/**
 * The token sits in the URL path, where a dot would make the server's and Vite's page fallback take it for a file
 * name (and answer 404); "~" is URL-safe and never part of base64url, so it stands in for the dot.
 */
const PATH_SEPARATOR = "~";

/** The recipient's two links for an email: both open the public page, each on its own step. */
export async function sessionLinkUrls(deps: { signer: Signer; publicUrl: string }, tx: DbOrTx, sessionId: string, userId: string) {
  const token = (await signSessionLink(deps.signer, { sessionId, userId }, tx)).replace(".", PATH_SEPARATOR);
  const page = `${deps.publicUrl}/s/${token}`;
  return { rescheduleLink: `${page}?action=reschedule`, cancelLink: `${page}?action=cancel` };
}
