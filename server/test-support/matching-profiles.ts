/**
 * Seeded random mentor and mentee profiles for matching tests and the matching benchmark: skills spelled the
 * way people spell them (synonyms, case, punctuation), a spread of time zones including half-hour ones, and
 * evening or office-hours availability.
 */
import type { WeeklyWindow } from "../modules/matching/availability";
import type { CommunicationMode, MenteeProfile, MentorProfile } from "../modules/matching/matching.types";

/** mulberry32: small, fast, good enough for test data, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const intBetween = (rng: () => number, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

function sample<T>(rng: () => number, list: readonly T[], count: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(rng() * copy.length), 1)[0]!);
  return out;
}

/** Each inner list is one skill in the ways people write it. */
const skillSpellings: readonly (readonly string[])[] = [
  ["JavaScript", "JS", "javascript", "ECMAScript"],
  ["TypeScript", "TS", "typescript"],
  ["Python", "python", "Py"],
  ["Go", "golang"],
  ["Rust"],
  ["Java"],
  ["C#", "csharp"],
  ["C++", "cpp"],
  ["React", "React.js", "reactjs"],
  ["Vue", "Vue.js"],
  ["Node.js", "node", "NodeJS"],
  ["PostgreSQL", "Postgres", "postgres"],
  ["MySQL"],
  ["Kubernetes", "k8s"],
  ["Docker"],
  ["AWS", "Amazon Web Services"],
  ["Machine learning", "ML", "machine-learning"],
  ["Artificial intelligence", "AI"],
  ["Data analysis", "data analytics"],
  ["Product management", "PM"],
  ["User experience", "UX"],
  ["User interface design", "UI"],
  ["Leadership", "leadership"],
  ["Public speaking"],
  ["Career development", "career growth"],
  ["Negotiation"],
  ["Agile coaching", "agile coach"],
  ["Technical writing"],
  ["System design", "systems design"],
  ["Security engineering", "security engineer"],
  ["Mobile development", "mobile dev"],
  ["iOS", "iOS development"],
  ["Android"],
  ["GraphQL"],
  ["SQL"],
  ["Excel", "Microsoft Excel"],
  ["Marketing"],
  ["Sales"],
  ["Finance"],
  ["Entrepreneurship"],
];

export const sampleTimeZones = [
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Africa/Lagos",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Singapore",
  "Australia/Sydney",
  "UTC",
] as const;

const modes: readonly CommunicationMode[] = ["video", "phone", "chat", "in-person"];

function randomWindows(rng: () => number): WeeklyWindow[] {
  const windows: WeeklyWindow[] = [];
  const style = rng();
  for (const weekday of sample(rng, [0, 1, 2, 3, 4, 5, 6], intBetween(rng, 1, 4))) {
    const startHour = style < 0.5 ? intBetween(rng, 17, 20) : intBetween(rng, 8, 15);
    const half = rng() < 0.3 ? 30 : 0;
    const length = intBetween(rng, 1, 4);
    const endHour = (startHour + length) % 24;
    const pad = (h: number, m: number) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
    windows.push({ weekday, start: pad(startHour, half), end: pad(endHour, half) });
  }
  return windows;
}

function spelledSkills(rng: () => number, count: number): string[] {
  return sample(rng, skillSpellings, count).map((spellings) => pick(rng, spellings));
}

export function randomMentor(rng: () => number, id: string, opts: { capacity?: number } = {}): MentorProfile {
  const capacity = opts.capacity ?? intBetween(rng, 1, 4);
  return {
    userId: id,
    isApproved: true,
    skills: spelledSkills(rng, intBetween(rng, 3, 8)),
    timeZone: pick(rng, sampleTimeZones),
    availability: randomWindows(rng),
    communication: sample(rng, modes, intBetween(rng, 1, 3)),
    capacity,
    activeMatches: opts.capacity === undefined ? intBetween(rng, 0, Math.max(0, capacity - 1)) : 0,
  };
}

export function randomMentee(rng: () => number, id: string): MenteeProfile {
  return {
    userId: id,
    isApproved: true,
    skillsWanted: spelledSkills(rng, intBetween(rng, 1, 4)),
    timeZone: pick(rng, sampleTimeZones),
    availability: randomWindows(rng),
    communication: sample(rng, modes, intBetween(rng, 1, 2)),
  };
}
