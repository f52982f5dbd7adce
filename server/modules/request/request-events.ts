import type { DbOrTx } from "../../../db/client";
import { matchRequestEvents } from "../../../db/schema/matching";
import { audit } from "../auth/auth.service";

type Kind = (typeof matchRequestEvents.$inferInsert)["kind"];

/**
 * One step of a request: a line in the request's own thread (what the mentee and mentor see) and an entry in the
 * program's activity log (what coordinators see), in the caller's transaction.
 */
export async function addRequestEvent(
  tx: DbOrTx,
  request: { id: string; programId: string },
  kind: Kind,
  actorId: string | null,
  body: string,
  now: Date,
) {
  await tx.insert(matchRequestEvents).values({ requestId: request.id, kind, actorId, body, createdAt: now });
  await audit(
    tx,
    { now: () => now },
    {
      actorId,
      action: `request.${kind}`,
      targetType: "request",
      targetId: request.id,
      programId: request.programId,
      detail: body.slice(0, 500),
    },
  );
}
