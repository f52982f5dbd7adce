import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "../errors";

// argon2id with the OWASP / quality-bar floor: 19 MiB memory, 2 iterations, 1 lane.
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

// zxcvbn-ts ships the frequency-ranked list of leaked passwords; a Set of it is our "common passwords" check.
const common = new Set<string>(
  ((dictionary as Record<string, string[] | undefined>)["passwords-common"] ?? []).map((p) => p.toLowerCase()),
);

export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  if (common.has(p)) return true;
  // "password123456" style: a common word with digits or symbols appended.
  const stripped = p.replace(/[\d\W_]+$/, "");
  return stripped.length >= 4 && common.has(stripped) && stripped.length >= p.length - 4;
}

/** Throws VALIDATION on the `field` when the password is too weak. */
export function assertAcceptablePassword(password: string, email: string, field = "password"): void {
  if (password.length < PASSWORD_MIN) throw AppError.field(field, `Use at least ${PASSWORD_MIN} characters.`);
  if (password.length > PASSWORD_MAX) throw AppError.field(field, `Use at most ${PASSWORD_MAX} characters.`);
  if (isCommonPassword(password)) throw AppError.field(field, "This password is too common. Choose another.");
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  if (local.length >= 4 && password.toLowerCase().includes(local)) {
    throw AppError.field(field, "Do not use your email address in your password.");
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

// Equalises timing when the account does not exist, so sign-in does not reveal which emails are registered.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not-a-real-password-timing-guard");
  await verifyPassword(await dummyHash, password);
}
