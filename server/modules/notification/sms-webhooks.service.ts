import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/client";
import { deliveries, twilioWebhookReceipts } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import type { Clock } from "../../clock";
import { audit } from "../auth/auth.service";

const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]);
const START_WORDS = new Set(["START", "UNSTOP", "YES", "OPTIN"]);
const HELP_WORDS = new Set(["HELP", "INFO"]);

/**
 * Records that this webhook is being acted on; false when it already was (a replay). Called first in the transaction
 * of the webhook's effect: a concurrent copy waits on the primary key and then finds the row, so it is ignored too.
 */
async function isFirstReceipt(tx: DbOrTx, clock: Clock, kind: "inbound" | "status", messageSid: string, status = "") {
  const inserted = await tx
    .insert(twilioWebhookReceipts)
    .values({ kind, messageSid, status, receivedAt: clock.now() })
    .onConflictDoNothing()
    .returning({ sid: twilioWebhookReceipts.messageSid });
  return inserted.length > 0;
}

/** Twilio's status callback: records the carrier's answer on the delivery it belongs to, once per (message, status). */
export async function recordSmsStatus(deps: { db: Db; clock: Clock }, params: Record<string, string>) {
  const sid = params.MessageSid ?? params.SmsSid;
  const status = params.MessageStatus ?? params.SmsStatus;
  if (!sid || !status) return { updated: 0, replay: false };
  const failed = status === "failed" || status === "undelivered";
  return deps.db.transaction(async (tx) => {
    if (!(await isFirstReceipt(tx, deps.clock, "status", sid, status))) return { updated: 0, replay: true };
    const updated = await tx
      .update(deliveries)
      .set(
        failed
          ? // Twilio accepted it but the carrier did not deliver: resending could reach the person twice, so an admin decides.
            {
              providerStatus: status,
              status: "dead",
              lastError: `Twilio reported ${status}${params.ErrorCode ? ` (error ${params.ErrorCode})` : ""}`,
            }
          : { providerStatus: status },
      )
      .where(
        and(eq(deliveries.providerMessageId, sid), eq(deliveries.channel, "sms"), inArray(deliveries.status, ["sent", "sending", "dead"])),
      )
      .returning({ id: deliveries.id });
    return { updated: updated.length, replay: false };
  });
}

/**
 * Inbound SMS: STOP / START / HELP keywords (and Twilio's OptOutType) set the member's SMS consent. Each MessageSid
 * is acted on once: a replayed START must not undo a later STOP. A request without a MessageSid does nothing, since
 * a replay of it could not be told apart.
 */
export async function handleInboundSms(
  deps: { db: Db; clock: Clock },
  params: Record<string, string>,
): Promise<{ reply: string | null; action: "stop" | "start" | "help" | "none"; replay: boolean }> {
  const from = params.From ?? "";
  const sid = params.MessageSid ?? params.SmsMessageSid ?? params.SmsSid;
  const word = (params.Body ?? "").trim().split(/\s+/)[0]?.toUpperCase() ?? "";
  const optOut = (params.OptOutType ?? "").toUpperCase();
  const action: "stop" | "start" | "help" | "none" =
    optOut === "STOP" || STOP_WORDS.has(word)
      ? "stop"
      : optOut === "START" || START_WORDS.has(word)
        ? "start"
        : optOut === "HELP" || HELP_WORDS.has(word)
          ? "help"
          : "none";
  if (!sid) return { reply: null, action: "none", replay: false };
  const first = await deps.db.transaction(async (tx) => {
    if (!(await isFirstReceipt(tx, deps.clock, "inbound", sid))) return false;
    if (action !== "stop" && action !== "start") return true;
    const changed = await tx
      .update(users)
      .set({ smsOptedOutAt: action === "stop" ? deps.clock.now() : null })
      .where(eq(users.phone, from))
      .returning({ id: users.id });
    for (const u of changed)
      await audit(tx, deps.clock, {
        actorId: u.id,
        action: action === "stop" ? "sms.opt_out" : "sms.opt_in",
        detail: "by SMS keyword",
      });
    if (action === "stop" && changed.length > 0) {
      // Nothing more goes out to this number, including texts already queued.
      await tx
        .update(deliveries)
        .set({ status: "cancelled", lastError: "Recipient replied STOP." })
        .where(
          and(
            eq(deliveries.channel, "sms"),
            inArray(deliveries.status, ["pending", "failed"]),
            inArray(
              deliveries.userId,
              changed.map((c) => c.id),
            ),
          ),
        );
    }
    return true;
  });
  if (!first) return { reply: null, action: "none", replay: true };
  // Twilio answers STOP/START/HELP itself on long codes by default; we only add text when Advanced Opt-Out is off.
  const reply = action === "help" && !optOut ? "Mentoring reminders and alerts. Reply STOP to opt out, START to opt back in." : null;
  return { reply, action, replay: false };
}

export function twiml(reply: string | null): string {
  const esc = (s: string) =>
    s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${reply ? `<Message>${esc(reply)}</Message>` : ""}</Response>`;
}
