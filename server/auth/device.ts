import { randomBytes } from "node:crypto";
import type { Clock } from "../clock";
import { readCookie } from "./session";
import type { Signer } from "./signing";

/**
 * The known-device cookie (OWASP's "device cookie" against lockout abuse). A successful password sign-in gets a
 * signed, HttpOnly cookie naming the account and a random device id. Later sign-ins to that account that carry
 * it skip the account's growing delay, so a stranger guessing at the account cannot keep its owner out. The
 * per-IP limit still applies, and a device that fails too often (DEVICE_FAILURES) is treated as unknown again.
 */
export const DEVICE_TTL_MS = 180 * 24 * 60 * 60_000;
/** Failed sign-ins from one known device (in the failure window) after which it counts as unknown. */
export const DEVICE_FAILURES = 5;

type DevicePayload = { k: "device"; u: string; d: string; t: number };

export function deviceCookieName(publicUrl: string): string {
  return publicUrl.startsWith("https://") ? "__Host-device" : "device";
}

export async function issueDeviceCookie(signer: Signer, clock: Clock, publicUrl: string, userId: string): Promise<string> {
  const payload: DevicePayload = { k: "device", u: userId, d: randomBytes(12).toString("base64url"), t: clock.now().getTime() };
  const token = await signer.sign(payload);
  return [
    `${deviceCookieName(publicUrl)}=${token}`,
    "HttpOnly",
    "SameSite=Lax",
    "Path=/",
    `Max-Age=${Math.floor(DEVICE_TTL_MS / 1000)}`,
    ...(publicUrl.startsWith("https://") ? ["Secure"] : []),
  ].join("; ");
}

/** The device id when the request carries a valid, unexpired device cookie issued to `userId`; otherwise null. */
export async function knownDeviceOf(
  signer: Signer,
  clock: Clock,
  publicUrl: string,
  cookieHeader: string | undefined,
  userId: string,
): Promise<string | null> {
  const token = readCookie(cookieHeader, deviceCookieName(publicUrl));
  if (!token) return null;
  const p = await signer.verify<Partial<DevicePayload>>(token);
  if (p?.k !== "device" || p.u !== userId || typeof p.d !== "string" || typeof p.t !== "number") return null;
  if (clock.now().getTime() - p.t > DEVICE_TTL_MS) return null;
  return p.d;
}
