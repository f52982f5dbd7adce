import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../errors";
import { checkPasswordStrength } from "../modules/auth/password-strength";

// argon2id with the OWASP / quality-bar floor: 19 MiB memory, 2 iterations, 1 lane.
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Throws VALIDATION on the `field` when the password is too weak (the rule shared with the client's fields). */
export async function assertAcceptablePassword(password: string, userInputs: string[], field = "password"): Promise<void> {
  const verdict = await checkPasswordStrength(password, userInputs);
  if (!verdict.ok) throw AppError.field(field, verdict.message ?? "Choose a stronger password.");
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
