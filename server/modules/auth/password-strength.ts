import type { TranslationKeys, ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * The one password-strength rule, shared by the server (assertAcceptablePassword) and the client's new-password
 * fields, so the live hint and the server's verdict never disagree. zxcvbn and its dictionaries (about 1 MB) are
 * loaded with dynamic imports on first use: the sign-in page never imports this file, and pages that do only
 * fetch the engine once someone types a new password.
 */

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
/** zxcvbn's 0-4 score; 3 means "safely unguessable" against an offline attack on a slow hash. */
export const PASSWORD_MIN_SCORE = 3;

export type PasswordVerdict = {
  ok: boolean;
  /** 0-4 (zxcvbn); 0 for passwords refused before zxcvbn runs. */
  score: number;
  /** Why it is refused, or null when accepted. */
  message: string | null;
  /** zxcvbn's suggestions, in words for people. */
  suggestions: string[];
};

// Our wording for zxcvbn's feedback keys (there is no English language pack installed, and these read better).
const translations: TranslationKeys = {
  warnings: {
    straightRow: "Rows of keys are easy to guess.",
    keyPattern: "Short keyboard patterns are easy to guess.",
    simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
    extendedRepeat: 'Repeated patterns like "abcabc" are easy to guess.',
    sequences: 'Sequences like "abc" or "123" are easy to guess.',
    recentYears: "Recent years are easy to guess.",
    dates: "Dates are easy to guess.",
    topTen: "This is one of the most used passwords.",
    topHundred: "This is a very often used password.",
    common: "This is a commonly used password.",
    similarToCommon: "This is too close to a commonly used password.",
    wordByItself: "A single word is easy to guess.",
    namesByThemselves: "Names on their own are easy to guess.",
    commonNames: "Common first and last names are easy to guess.",
    userInputs: "Do not use your name or email address.",
    pwned: "This password appeared in a data breach.",
  },
  suggestions: {
    l33t: "Swapping letters for look-alike digits (a → @) does not help much.",
    reverseWords: "Spelling common words backwards does not help much.",
    allUppercase: "Capitalise some letters, not all of them.",
    capitalization: "Capitalise more than the first letter.",
    dates: "Avoid dates and years that are linked to you.",
    recentYears: "Avoid recent years.",
    associatedYears: "Avoid years that are linked to you.",
    sequences: "Avoid common character sequences.",
    repeated: "Avoid repeated words and characters.",
    longerKeyboardPattern: "Use longer keyboard patterns and change direction.",
    anotherWord: "Add more words that are less common.",
    useWords: "Use several words, but avoid common phrases.",
    noNeed: "You can make strong passwords without symbols, numbers or uppercase letters.",
    pwned: "If you use this password elsewhere, change it there too.",
  },
  timeEstimation: {
    ltSecond: "less than a second",
    second: "{base} second",
    seconds: "{base} seconds",
    minute: "{base} minute",
    minutes: "{base} minutes",
    hour: "{base} hour",
    hours: "{base} hours",
    day: "{base} day",
    days: "{base} days",
    month: "{base} month",
    months: "{base} months",
    year: "{base} year",
    years: "{base} years",
    centuries: "centuries",
  },
};

type Engine = { zxcvbn: ZxcvbnFactory; common: Set<string> };
let engine: Promise<Engine> | undefined;

function loadEngine(): Promise<Engine> {
  engine ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")])
    .then(([core, language]) => ({
      zxcvbn: new core.ZxcvbnFactory({ dictionary: language.dictionary, graphs: language.adjacencyGraphs, translations }),
      // zxcvbn-ts ships the frequency-ranked list of leaked passwords; a Set of it is the "common passwords" check.
      common: new Set(language.dictionary["passwords-common"].map((p) => p.toLowerCase())),
    }))
    .catch((err: unknown) => {
      engine = undefined;
      throw err;
    });
  return engine;
}

/** Starts fetching the engine early (a new-password field calls this when it mounts). */
export function preloadPasswordStrength(): void {
  void loadEngine().catch(() => {});
}

function isCommon(common: Set<string>, password: string): boolean {
  const p = password.toLowerCase().trim();
  if (common.has(p)) return true;
  // "password123456" style: a common word with digits or symbols appended.
  const stripped = p.replace(/[\d\W_]+$/, "");
  return stripped.length >= 4 && common.has(stripped) && stripped.length >= p.length - 4;
}

/** The verdict on a new password. `userInputs` (email, name) count as easy guesses for this person. */
export async function checkPasswordStrength(password: string, userInputs: string[] = []): Promise<PasswordVerdict> {
  const refuse = (message: string, score = 0, suggestions: string[] = []): PasswordVerdict => ({ ok: false, score, message, suggestions });
  if (password.length < PASSWORD_MIN) return refuse(`Use at least ${PASSWORD_MIN} characters.`);
  if (password.length > PASSWORD_MAX) return refuse(`Use at most ${PASSWORD_MAX} characters.`);
  if (password.trim().length === 0) return refuse("Use letters or words, not only spaces.");
  const { zxcvbn, common } = await loadEngine();
  if (isCommon(common, password)) return refuse("This password is too common. Choose another.");
  const inputs = userInputs.flatMap((u) => [u, ...u.split(/[@.\s]+/)]).filter((u) => u.length >= 3);
  const local =
    userInputs
      .find((u) => u.includes("@"))
      ?.split("@")[0]
      ?.toLowerCase() ?? "";
  if (local.length >= 4 && password.toLowerCase().includes(local)) return refuse("Do not use your email address in your password.");
  const result = zxcvbn.check(password, inputs);
  const suggestions = result.feedback.suggestions;
  if (result.score < PASSWORD_MIN_SCORE) {
    const why = result.feedback.warning ?? "This password is too easy to guess.";
    return refuse(`${why} ${suggestions[0] ?? "Add another word or two."}`.trim(), result.score, suggestions);
  }
  return { ok: true, score: result.score, message: null, suggestions };
}
