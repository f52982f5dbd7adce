/**
 * Score reasons for the person reading them. The scorer writes them to the mentee ("Knows SQL, which you want
 * to learn") and they are stored that way in score snapshots; the mentor reads them about the mentee ("You know
 * SQL, which Grace wants to learn") and staff read them with both names, so nobody is called "you" by mistake.
 * Pure; a reason it does not recognise is passed through unchanged.
 */
export type ReasonViewer = "mentee" | "mentor" | "staff";
export type ReasonPair = { mentorName: string; menteeName: string };

const first = (name: string) => name.trim().split(/\s+/)[0] || "they";

export function reasonFor(reason: string, viewer: ReasonViewer, pair: ReasonPair): string {
  if (viewer === "mentee") return reason;
  const mentor = first(pair.mentorName);
  const mentee = first(pair.menteeName);
  const mentorIs = viewer === "mentor" ? "You know" : `${mentor} knows`;
  let m = /^Knows (.+), which you want to learn$/.exec(reason);
  if (m) return `${mentorIs} ${m[1]}, which ${mentee} wants to learn`;
  m = /^Knows (.+), close to what you asked for$/.exec(reason);
  if (m) return `${mentorIs} ${m[1]}, close to what ${mentee} asked for`;
  m = /^(.+) a week overlap in your time zones$/.exec(reason);
  if (m)
    return viewer === "mentor"
      ? `${m[1]} a week overlap with ${mentee}'s hours`
      : `${m[1]} a week overlap in ${mentor}'s and ${mentee}'s hours`;
  m = /^Prefers (.+), like you$/.exec(reason);
  if (m) return viewer === "mentor" ? `${mentee} prefers ${m[1]}, like you` : `${mentor} and ${mentee} both prefer ${m[1]}`;
  m = /^Has (\d+ of \d+ places? free)$/.exec(reason);
  if (m) return viewer === "mentor" ? `You have ${m[1]}` : `${mentor} has ${m[1]}`;
  return reason;
}

export function reasonsFor(reasons: readonly string[], viewer: ReasonViewer, pair: ReasonPair): string[] {
  return reasons.map((r) => reasonFor(r, viewer, pair));
}
