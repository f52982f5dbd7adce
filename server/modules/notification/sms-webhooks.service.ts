import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { deliveries } from "../../../db/schema/notifications";
import { users } from "../../../db/schema/users";
import type { Clock } from "../../clock";
import { audit } from "../auth/auth.service";

const STOP_WORDS = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]);
const START_WORDS = new Set(["START", "UNSTOP", "YES", "OPTIN"]);
const HELP_WORDS = new Set(["HELP", "INFO"]);

/** Twilio's status callback: records the carrier's answer on the delivery it belongs to. */
export async function recordSmsStatus(deps: { db: Db; clock: Clock }, params: Record<string, string>) {
  const sid = params.MessageSid ?? params.SmsSid;
  const status = params.MessageStatus ?? params.SmsStatus;
  if (!sid || !status) return { updated: 0 };
  const failed = status === "failed" || status === "undelivered";
  const updated = await deps.db
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
  return { updated: updated.length };
}

/** Inbound SMS: STOP / START / HELP keywords (and Twilio's OptOutType) set the member's SMS consent. */
export async function handleInboundSms(
  deps: { db: Db; clock: Clock },
  params: Record<string, string>,
): Promise<{ reply: string | null; action: "stop" | "start" | "help" | "none" }> {
  const from = params.From ?? "";
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
  if (action === "stop" || action === "start") {
    const changed = await deps.db
      .update(users)
      .set({ smsOptedOutAt: action === "stop" ? deps.clock.now() : null })
      .where(eq(users.phone, from))
      .returning({ id: users.id });
    for (const u of changed)
      await audit(deps.db, deps.clock, {
        actorId: u.id,
        action: action === "stop" ? "sms.opt_out" : "sms.opt_in",
        detail: "by SMS keyword",
      });
    if (action === "stop" && changed.length > 0) {
      // Nothing more goes out to this number, including texts already queued.
      await deps.db
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
  }
  // Twilio answers STOP/START/HELP itself on long codes by default; we only add text when Advanced Opt-Out is off.
  const reply = action === "help" && !optOut ? "Mentoring reminders and alerts. Reply STOP to opt out, START to opt back in." : null;
  return { reply, action };
}

export function twiml(reply: string | null): string {
  const esc = (s: string) =>
    s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${reply ? `<Message>${esc(reply)}</Message>` : ""}</Response>`;
}
