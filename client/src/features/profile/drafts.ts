import type { menteeLevels, mentoringStyles } from "@shared/modules/profile/profile.schema";
import { splitList } from "../../lib/form";
import type { Profile } from "./queries";

export type MentoringStyle = (typeof mentoringStyles)[number];
export type MenteeLevel = (typeof menteeLevels)[number];
export type Priority = "low" | "medium" | "high";

/** Form state keeps what the person typed (strings); converters turn it into the shared schemas' input. */
export type CommonDraft = { name: string; bio: string; timezone: string; phone: string; languages: string };
export type MentorDraft = {
  headline: string;
  expertise: string;
  yearsExperience: string;
  mentoringStyles: MentoringStyle[];
  defaultCapacity: string;
};
export type GoalDraft = { key: number; text: string; priority: Priority; targetDate: string };
export type MenteeDraft = { background: string; interests: string; level: MenteeLevel | ""; goals: GoalDraft[] };

let goalKey = 0;
export const newGoal = (g: Partial<GoalDraft> = {}): GoalDraft => ({ key: ++goalKey, text: "", priority: "medium", targetDate: "", ...g });

export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function commonDraft(p: Profile | undefined, fallbackName = ""): CommonDraft {
  return {
    name: p?.name ?? fallbackName,
    bio: p?.bio ?? "",
    timezone: p?.timezone || browserTimezone(),
    phone: p?.phone ?? "",
    languages: (p?.languages ?? []).join(", "),
  };
}

export function mentorDraft(p: Profile | undefined): MentorDraft {
  const m = p?.mentor;
  return {
    headline: m?.headline ?? "",
    expertise: (m?.expertise ?? []).join(", "),
    yearsExperience: m ? String(m.yearsExperience) : "",
    mentoringStyles: [...(m?.mentoringStyles ?? [])],
    defaultCapacity: String(m?.defaultCapacity ?? 2),
  };
}

export function menteeDraft(p: Profile | undefined): MenteeDraft {
  const m = p?.mentee;
  return {
    background: m?.background ?? "",
    interests: (m?.interests ?? []).join(", "),
    level: m?.level ?? "",
    goals: (m?.goals ?? []).map((g) => newGoal({ text: g.text, priority: g.priority, targetDate: g.targetDate ?? "" })),
  };
}

export const toCommonInput = (d: CommonDraft) => ({
  name: d.name,
  bio: d.bio,
  timezone: d.timezone,
  phone: d.phone,
  languages: splitList(d.languages),
});

/** Empty number boxes become NaN-free `undefined` so the schema reports "required" rather than 0. */
const num = (v: string) => (v.trim() === "" ? undefined : v.trim());

export const toMentorInput = (d: MentorDraft) => ({
  headline: d.headline,
  expertise: splitList(d.expertise),
  yearsExperience: num(d.yearsExperience),
  mentoringStyles: d.mentoringStyles,
  defaultCapacity: num(d.defaultCapacity),
});

export const toMenteeInput = (d: MenteeDraft) => ({
  background: d.background,
  interests: splitList(d.interests),
  level: d.level === "" ? undefined : d.level,
  goals: d.goals.map((g) => ({ text: g.text, priority: g.priority, targetDate: g.targetDate === "" ? null : g.targetDate })),
});

export const styleLabels: Record<MentoringStyle, string> = {
  career: "Career",
  technical: "Technical",
  leadership: "Leadership",
  entrepreneurship: "Entrepreneurship",
  wellbeing: "Wellbeing",
  academic: "Academic",
};

export const levelLabels: Record<MenteeLevel, string> = {
  student: "Student",
  early_career: "Early career",
  mid_career: "Mid-career",
  senior: "Senior",
  career_change: "Changing careers",
};

export const priorityLabels: Record<Priority, string> = { low: "Low", medium: "Medium", high: "High" };
