/**
 * The program's activity log as sentences for the person reading it: "Amara moved the session with Grace to
 * Tue 8 Dec, 12:30" rather than `session.reschedule 2026-12-08T11:30:00.000Z -> ...`. Times are written in the
 * viewer's zone with fixed English names (like slot-display.ts, so ICU versions do not change the text); people
 * by first name, and the viewer as "You". Pure: the caller loads what the entries point at.
 */
import { isValidTimeZone } from "../matching/availability";

export type ActivityEntry = {
  action: string;
  actorId: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  detail: string;
};

/** The two people of a pair (a match, a request, a one-to-one session), or a group session's host and title. */
export type Pair = { mentorId: string; mentorName: string; menteeId: string; menteeName: string };
export type SessionTarget = { start: Date; kind: "one_to_one" | "group"; title: string; pair: Pair | null; hostName: string };

export type ActivityTargets = {
  viewerId: string;
  viewerZone: string;
  sessions: ReadonlyMap<string, SessionTarget>;
  /** Matches, requests, suggestions and proposals: each is about one pair. */
  pairs: ReadonlyMap<string, Pair>;
  /** Memberships: whose, and in which role. */
  members: ReadonlyMap<string, { userId: string; name: string; role: string }>;
};

export type ActivityLine = { sentence: string; note: string };

const dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const wallParts = new Map<string, Intl.DateTimeFormat>();

/** "Tue 8 Dec, 12:30" in the zone. */
export function formatActivityTime(at: Date, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
  let f = wallParts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
    wallParts.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const y = Number(parts.year);
  const m = Number(parts.month);
  const d = Number(parts.day);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${dayNames[weekday]} ${d} ${monthNames[m - 1]}, ${String(Number(parts.hour) % 24).padStart(2, "0")}:${parts.minute}`;
}

const first = (name: string | null | undefined) => (name ?? "").trim().split(/\s+/)[0] || "Someone";

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

const frequencyWords: Record<string, string> = { weekly: "weekly", fortnightly: "fortnightly", monthly: "monthly" };
const roleWords: Record<string, string> = { mentor: "a mentor", mentee: "a mentee", coordinator: "a coordinator" };
const stepWords: Record<string, string> = {
  intake: "intake",
  codeOfConduct: "code of conduct",
  code_of_conduct: "code of conduct",
  documents: "documents",
  training: "training",
  backgroundCheck: "background check",
  background_check: "background check",
};
const sourceNotes = new Set(["Mentee request", "Approved suggestion", "Matched by a coordinator", "Cohort matching"]);

/** One entry as a sentence, and the free text that came with it (a reason, a message), if any. */
export function activityLine(entry: ActivityEntry, t: ActivityTargets): ActivityLine {
  const you = entry.actorId !== null && entry.actorId === t.viewerId;
  const actor = entry.actorId === null ? "The system" : you ? "You" : first(entry.actorName);
  const name = (id: string, full: string) => (id === t.viewerId ? "you" : first(full));
  const when = (at: Date) => formatActivityTime(at, t.viewerZone);
  const say = (sentence: string, note = ""): ActivityLine => ({ sentence, note: note.trim() });
  const id = entry.targetId ?? "";
  const detail = entry.detail ?? "";
  const late = /\blate\b/.test(detail) ? " at short notice" : "";

  // The other person of a pair, from the actor's side: "the session with Grace"; staff acting on a pair name both.
  const withWhom = (pair: Pair | null | undefined, what: string) => {
    if (!pair) return what;
    if (entry.actorId === pair.mentorId) return `${what} with ${name(pair.menteeId, pair.menteeName)}`;
    if (entry.actorId === pair.menteeId) return `${what} with ${name(pair.mentorId, pair.mentorName)}`;
    return `${name(pair.mentorId, pair.mentorName)} and ${name(pair.menteeId, pair.menteeName)}'s ${what.replace(/^the /, "")}`;
  };
  const pairWords = (pair: Pair | undefined) =>
    pair ? `${name(pair.menteeId, pair.menteeName)} with ${name(pair.mentorId, pair.mentorName)}` : "a mentee with a mentor";

  const [domain] = entry.action.split(".");
  if (domain === "session" || domain === "office_hours") {
    const s = t.sessions.get(id);
    const theSession = s?.kind === "group" ? `office hours "${s.title}"` : withWhom(s?.pair, "the session");
    const on = s ? ` on ${when(s.start)}` : "";
    const isoAt = (i: number) => {
      const iso = detail.split(/\s+/).filter((w) => /^\d{4}-\d{2}-\d{2}T/.test(w))[i];
      return iso ? new Date(iso) : null;
    };
    switch (entry.action) {
      case "session.book": {
        const at = isoAt(0) ?? s?.start;
        const asked = /\brequested\b/.test(detail);
        return say(
          `${actor} ${asked ? "asked for" : "booked"} ${withWhom(s?.pair, "a session")}${at ? ` on ${when(at)}` : ""}${/\bseries\b/.test(detail) ? ", part of a series" : ""}`,
        );
      }
      case "session.book_series": {
        const m = /^(\w+) (\d+) booked, (\d+) conflicts/.exec(detail);
        if (!m) return say(`${actor} booked a series of sessions`);
        const conflicts = Number(m[3]);
        return say(
          `${actor} booked a ${frequencyWords[m[1] ?? ""] ?? m[1]} series: ${plural(Number(m[2]), "session")}${conflicts ? `, ${plural(conflicts, "time")} left out as conflicts` : ""}`,
        );
      }
      case "session.reschedule":
      case "office_hours.move": {
        const to = isoAt(1) ?? s?.start;
        return say(`${actor} moved ${theSession}${to ? ` to ${when(to)}` : ""}${late}`);
      }
      case "session.cancel":
      case "office_hours.cancel":
        return say(`${actor} cancelled ${theSession}${on}${late}`);
      case "session.confirm":
        return say(`${actor} confirmed ${theSession}${on}`);
      case "session.decline":
        return say(`${actor} declined the session request${s?.pair ? ` from ${name(s.pair.menteeId, s.pair.menteeName)}` : ""}${on}`);
      case "session.propose": {
        const pair = t.pairs.get(id);
        const n = detail.split(/\s+/).filter(Boolean).length;
        const other = pair ? ` to ${name(pair.menteeId, pair.menteeName)}` : "";
        return say(`${actor} proposed ${n === 1 ? "another time" : `${n} other times`}${other}`);
      }
      case "session.accept_proposal": {
        const at = isoAt(0) ?? s?.start;
        return say(`${actor} took a proposed time: ${withWhom(s?.pair, "a session")}${at ? ` on ${when(at)}` : ""}`);
      }
      case "session.decline_proposal": {
        const pair = t.pairs.get(id);
        return say(`${actor} declined the times${pair ? ` ${name(pair.mentorId, pair.mentorName)} proposed` : " proposed"}`);
      }
      case "session.complete":
        return say(`${actor} marked ${theSession}${on} as ${detail === "no_show" ? "a no-show" : "completed"}`);
      case "session.mark_attendance":
        return say(`${actor} marked attendance for ${theSession}${on}`);
      case "session.add_action_item":
        return say(`${actor} added an action item to ${theSession}${on}`);
      case "session.add_link":
        return say(`${actor} shared a link in ${theSession}${on}`);
      case "session.upload_resource":
        return say(`${actor} shared a file in ${theSession}${on}`);
      case "session.remove_resource":
        return say(`${actor} removed a link or file from ${theSession}${on}`);
      case "session.save_agenda":
        return say(`${actor} updated the agenda of ${theSession}${on}`);
      case "session.save_notes":
        return say(`${actor} updated the shared notes of ${theSession}${on}`);
      case "office_hours.host": {
        const seats = /seats (\d+)/.exec(detail)?.[1];
        return say(`${actor} opened ${theSession}${on}${seats ? ` for ${plural(Number(seats), "person", "people")}` : ""}`);
      }
      case "office_hours.edit": {
        const seats = /-> (\d+)/.exec(detail)?.[1];
        return say(`${actor} changed the seats of ${theSession}${seats ? ` to ${seats}` : ""}`);
      }
      case "office_hours.take_seat":
        return say(`${actor} took a seat at ${theSession}${on}`);
      case "office_hours.leave":
        return say(`${actor} gave back a seat at ${theSession}${on}${late}`);
    }
  }

  if (domain === "match") {
    const pair = t.pairs.get(id);
    switch (entry.action) {
      case "match.created":
        return say(
          `${actor} matched ${pairWords(pair)}`,
          detail
            .split(". ")
            .filter((part) => !sourceNotes.has(part))
            .join(". "),
        );
      case "match.paused":
        return say(`${actor} paused the match of ${pairWords(pair)}`, detail);
      case "match.resumed":
        return say(`${actor} resumed the match of ${pairWords(pair)}`, detail);
      case "match.completed":
        return say(`${actor} completed the match of ${pairWords(pair)}`, detail);
      case "match.ended":
        return say(`${actor} ended the match of ${pairWords(pair)}`, detail);
      case "match.suggestions_generated": {
        const m = /^(\d+) proposed; (\d+) without/.exec(detail);
        return say(
          m
            ? `${actor} generated ${plural(Number(m[1]), "suggestion")}${Number(m[2]) ? `; ${plural(Number(m[2]), "mentee")} had no eligible mentor` : ""}`
            : `${actor} generated suggestions`,
        );
      }
      case "match.suggestion_rejected": {
        const [who, ...note] = detail.split("; ");
        return say(`${actor} rejected the suggestion ${who ?? ""}`.trim(), note.join("; "));
      }
      case "match.never_pair_added": {
        const [who, ...reason] = detail.split(": ");
        return say(`${actor} added a never-pair rule for ${who}`, reason.join(": "));
      }
      case "match.never_pair_removed":
        return say(`${actor} removed the never-pair rule for ${detail}`);
    }
  }

  if (domain === "request") {
    const pair = t.pairs.get(id);
    const mentor = pair ? name(pair.mentorId, pair.mentorName) : "a mentor";
    const mentee = pair ? name(pair.menteeId, pair.menteeName) : "a mentee";
    const possessive = (n: string) => (n === "you" ? "your" : `${n}'s`);
    switch (entry.action) {
      case "request.created":
        return say(`${actor} asked ${mentor} to be ${you ? "your" : "their"} mentor`, detail);
      case "request.accepted":
        return say(`${actor} accepted ${possessive(mentee)} request`, detail);
      case "request.declined":
        return say(`${actor} declined ${possessive(mentee)} request`, detail);
      case "request.asked":
        return say(`${actor} asked ${mentee} a question about the request`, detail);
      case "request.answered":
        return say(`${actor} answered ${possessive(mentor)} question`, detail);
      case "request.withdrawn":
        return say(`${actor} withdrew the request to ${mentor}`, detail);
      case "request.reminded":
        return say(`${mentor === "you" ? "You were" : `${mentor} was`} reminded of ${possessive(mentee)} request`);
      case "request.expired":
        return say(`${possessive(mentee).replace(/^./, (c) => c.toUpperCase())} request to ${mentor} expired unanswered`);
    }
  }

  if (domain === "cohort") {
    switch (entry.action) {
      case "cohort.started":
        return say(`${actor} started a cohort matching run`, detail);
      case "cohort.discarded":
        return say(`${actor} discarded a cohort matching run`);
      case "cohort.published": {
        const n = /^(\d+) matches/.exec(detail)?.[1];
        return say(`${actor} published a cohort matching run${n ? `: ${plural(Number(n), "match", "matches")}` : ""}`);
      }
    }
  }

  if (domain === "program" || domain === "onboarding") {
    const member = t.members.get(id);
    const whose = member ? name(member.userId, member.name) : "someone";
    switch (entry.action) {
      case "program.create":
        return say(`${actor} created the program`);
      case "program.update":
        return say(`${actor} changed the program's settings`);
      case "program.duplicate":
        return say(`${actor} duplicated a program`);
      case "program.archive":
        return say(`${actor} archived the program`);
      case "program.unarchive":
        return say(`${actor} brought the program back from the archive`);
      case "program.regenerate_invite_link":
        return say(`${actor} made a new invite link (the old one stops working)`);
      case "program.regenerate_invite_code":
        return say(`${actor} made a new invite code (the old one stops working)`);
      case "program.add_member":
      case "program.appoint_coordinator":
        return say(`${actor} added someone as ${roleWords[detail.split(" ")[0] ?? ""] ?? "a member"}`);
      case "program.member_status":
      case "program.remove_coordinator": {
        const [role, status] = detail.split(": ");
        return say(`${actor} set ${whose} (${role}) to ${status}`);
      }
      case "program.join":
        return say(`${actor} joined as ${roleWords[detail.split(" ")[0] ?? ""] ?? "a member"}`);
      case "program.join_request":
        return say(`${actor} asked to join as ${roleWords[detail.split(" ")[0] ?? ""] ?? "a member"}`);
      case "program.membership_approved":
      case "program.membership_declined": {
        const [role, ...note] = detail.split(": ");
        const verb = entry.action.endsWith("approved") ? "approved" : "declined";
        return say(
          `${actor} ${verb} ${whose === "someone" ? "a request" : `${whose}'s request`} to join as ${roleWords[role ?? ""] ?? "a member"}`,
          note.join(": "),
        );
      }
      case "onboarding.save_intake":
        return say(`${actor} saved ${you ? "your" : "their"} intake`);
      case "onboarding.acknowledge_code_of_conduct":
        return say(`${actor} agreed to the code of conduct (${detail})`);
      case "onboarding.training_done":
        return say(`${actor} marked the training done`);
      case "onboarding.upload_document":
        return say(`${actor} uploaded a document`);
      case "onboarding.remove_document":
        return say(`${actor} removed a document`);
      case "onboarding.set_checklist":
        return say(`${actor} changed the mentor checklist`);
      case "onboarding.publish_code_of_conduct":
        return say(`${actor} published the code of conduct (${detail})`);
    }
    if (entry.action.startsWith("onboarding.review.")) {
      const outcome = entry.action.slice("onboarding.review.".length);
      const [step, ...note] = detail.split(": ");
      const verb = outcome === "approved" ? "approved" : outcome === "rejected" ? "sent back" : outcome.replace(/_/g, " ");
      return say(
        `${actor} ${verb} ${whose === "someone" ? "a" : `${whose}'s`} ${stepWords[step ?? ""] ?? step ?? "step"}`,
        note.join(": "),
      );
    }
  }

  if (entry.action === "template.save") return say(`${actor} changed the wording of a message`);
  if (entry.action === "template.reset") return say(`${actor} reset a message to the platform wording`);
  // Anything newer than this list still reads as a sentence, without codes.
  const words = entry.action.replace(/^[a-z_]+\./, "").replace(/[._]/g, " ");
  return say(`${actor}: ${words}`);
}

/** The filter's names for kinds of change, by domain; an action not listed still gets words, never its code. */
const kindWords: Record<string, string> = {
  match: "Matches",
  request: "Requests",
  cohort: "Cohort matching",
  session: "Sessions",
  office_hours: "Office hours",
  program: "Program and members",
  onboarding: "Onboarding",
  template: "Message templates",
};

/** The kind an action belongs to, in words, for the Activity filter: "session.reschedule" is "Sessions". */
export function activityKind(action: string): string {
  return kindWords[action.split(".")[0] ?? ""] ?? "Other changes";
}
