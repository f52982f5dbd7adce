import { z } from "zod";

export const E164 = /^\+[1-9]\d{6,14}$/;

export function isIanaTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz) || tz === "UTC";
  } catch {
    return false;
  }
}

const tag = z.string().trim().min(1).max(40, "Each entry can have at most 40 characters.");

/** Lower-case, collapse spaces, strip stray punctuation; duplicates dropped. Expertise "JS" stays as typed here:
 * synonym folding belongs to the matching engine, which owns the synonym table. */
export function normaliseTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const t = raw
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}+#.\- ]+/gu, " ")
      .replace(/\s+/g, " ")
      .replace(/^[.\- ]+|[.\- ]+$/g, "")
      .trim();
    if (t && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  }
  return out;
}

export const commonProfileInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(120, "Use at most 120 characters."),
  bio: z.string().trim().max(2000, "Use at most 2000 characters.").default(""),
  timezone: z.string().refine(isIanaTimezone, "Choose a valid time zone (for example Europe/Berlin)."),
  phone: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s().-]/g, ""))
    .refine((v) => v === "" || E164.test(v), "Use international format, for example +14155550123.")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null),
  languages: z.array(tag).max(10, "At most 10 languages.").default([]),
});
export type CommonProfileInput = z.input<typeof commonProfileInput>;

/** Only the time zone (the "use your device's time zone" banner), leaving the rest of the profile alone. */
export const setTimeZoneInput = z.object({ timezone: commonProfileInput.shape.timezone });
export type SetTimeZoneInput = z.input<typeof setTimeZoneInput>;

export const mentoringStyles = ["career", "technical", "leadership", "entrepreneurship", "wellbeing", "academic"] as const;
export const menteeLevels = ["student", "early_career", "mid_career", "senior", "career_change"] as const;

export const mentorProfileInput = z.object({
  headline: z.string().trim().min(1, "Add a short headline.").max(140, "Use at most 140 characters."),
  expertise: z.array(tag).min(1, "Add at least one area of expertise.").max(20, "At most 20 areas."),
  yearsExperience: z.coerce
    .number({ error: "Enter your years of experience as a whole number." })
    .int("Whole years only.")
    .min(0, "Cannot be negative.")
    .max(70, "At most 70 years."),
  mentoringStyles: z.array(z.enum(mentoringStyles)).max(6).default([]),
  defaultCapacity: z.coerce
    .number({ error: "Enter how many mentees you can take at once." })
    .int("Whole number only.")
    .min(1, "At least 1 mentee.")
    .max(20, "At most 20 mentees."),
});
export type MentorProfileInput = z.input<typeof mentorProfileInput>;

export const goalInput = z.object({
  text: z.string().trim().min(1, "Describe the goal.").max(300, "Use at most 300 characters."),
  priority: z.enum(["low", "medium", "high"]).default("medium"),
  targetDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2027-03-31.")
    .nullable()
    .default(null),
});

export const menteeProfileInput = z.object({
  background: z.string().trim().max(2000, "Use at most 2000 characters.").default(""),
  interests: z.array(tag).max(20, "At most 20 interests.").default([]),
  level: z.enum(menteeLevels, { error: "Choose your level." }),
  goals: z.array(goalInput).max(10, "At most 10 goals.").default([]),
});
export type MenteeProfileInput = z.input<typeof menteeProfileInput>;

export const completeWizardInput = z.object({
  common: commonProfileInput,
  mentor: mentorProfileInput.nullable().default(null),
  mentee: menteeProfileInput.nullable().default(null),
});
export type CompleteWizardInput = z.input<typeof completeWizardInput>;

export const userIdInput = z.object({ userId: z.uuid("Not a valid user id.") });

export const verifyPhoneInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code from the text message."),
});
