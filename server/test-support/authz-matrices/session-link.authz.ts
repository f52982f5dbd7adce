import { sql } from "drizzle-orm";
import { matches } from "../../../db/schema/matching";
import { sessionParticipants, sessions } from "../../../db/schema/scheduling";
import { signSessionLink } from "../../modules/session-link/session-link-token";
import { all, type Entry, type Fixtures } from "../authz";
import { enrol } from "../factories";

const HOUR = 3_600_000;
let counter = 0;

/**
 * A genuine link of a fresh pair's mentee to a confirmed session far ahead. The pair's match is finished, so a
 * move reaches "this match is not active" and the walk's own people stay free for other entries.
 */
async function linkToken(f: Fixtures): Promise<string> {
  const mentor = await f.freshUser();
  const mentee = await f.freshUser();
  await enrol(f.deps.db, f.programA, mentor.id, "mentor");
  await enrol(f.deps.db, f.programA, mentee.id, "mentee");
  const [m] = await f.deps.db
    .insert(matches)
    .values({ programId: f.programA, mentorId: mentor.id, menteeId: mentee.id, status: "completed", source: "manual" })
    .returning({ id: matches.id });
  const start = new Date(f.deps.clock.now().getTime() + 40 * 24 * HOUR + ++counter * 3 * HOUR);
  const end = new Date(start.getTime() + HOUR);
  const [s] = await f.deps.db
    .insert(sessions)
    .values({ matchId: m!.id, programId: f.programA, start, end, status: "confirmed" })
    .returning({ id: sessions.id });
  const during = sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;
  await f.deps.db.insert(sessionParticipants).values([
    { sessionId: s!.id, userId: mentor.id, role: "mentor", during },
    { sessionId: s!.id, userId: mentee.id, role: "mentee", during },
  ]);
  return signSessionLink(f.deps.signer, { sessionId: s!.id, userId: mentee.id });
}

/** One link shared by the entries that change nothing (the walk is long enough already); a cancel needs its own. */
const sharedLinks = new WeakMap<Fixtures, Promise<string>>();
function sharedLink(f: Fixtures): Promise<string> {
  let token = sharedLinks.get(f);
  if (!token) {
    token = linkToken(f);
    sharedLinks.set(f, token);
  }
  return token;
}

const weekAhead = (f: Fixtures) => {
  const now = f.deps.clock.now().getTime();
  return { from: new Date(now + 24 * HOUR).toISOString(), to: new Date(now + 8 * 24 * HOUR).toISOString() };
};

/**
 * Public procedures: the signed token is the authority, so every caller (signed in or not, any program) gets the
 * same answer for the same token. A tampered token is refused alike (session-link.test.ts).
 */
export const sessionLinkAuthz: Record<string, Entry> = {
  "sessionLink.view": { input: async (f) => ({ token: await sharedLink(f) }), expect: all("ok") },
  "sessionLink.slots": { input: async (f) => ({ token: await sharedLink(f), ...weekAhead(f) }), expect: all("ok") },
  // The fresh pair's match is finished: the move reaches the scheduling rule "this match is not active".
  "sessionLink.reschedule": {
    input: async (f) => ({ token: await sharedLink(f), start: weekAhead(f).to, reason: "Walk test" }),
    expect: all("CONFLICT"),
  },
  "sessionLink.cancel": { input: async (f) => ({ token: await linkToken(f), reason: "Walk test" }), expect: all("ok") },
};
