/**
 * Facts other features consume later, written in the transaction of the change so they exist exactly when the
 * change commits. The payload types are the contract with the consumers (the feedback work reads
 * "session.completed"); add a type here before writing a new kind of event.
 */
import type { DbOrTx } from "../../../db/client";
import { domainEvents } from "../../../db/schema/scheduling";

export type DomainEventPayloads = {
  "session.completed": {
    sessionId: string;
    matchId: string | null;
    programId: string;
    kind: "one_to_one" | "group";
    /** ISO instant. */
    completedAt: string;
    participants: { userId: string; role: "mentor" | "mentee"; attendance: "attended" | "no_show" | null }[];
  };
};
export type DomainEventType = keyof DomainEventPayloads;

export async function recordDomainEvent<T extends DomainEventType>(
  tx: DbOrTx,
  type: T,
  payload: DomainEventPayloads[T],
  createdAt?: Date,
): Promise<string> {
  const [row] = await tx
    .insert(domainEvents)
    .values({ type, payload, ...(createdAt ? { createdAt } : {}) })
    .returning({ id: domainEvents.id });
  if (!row) throw new Error("recordDomainEvent: no row");
  return row.id;
}
