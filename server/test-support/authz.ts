/**
 * Shared vocabulary of the authorization walk (server/authorization.test.ts). Each module lists its procedures
 * in `authz-matrices/<module>.authz.ts` with these helpers; the walk merges them and fails on any procedure without an entry.
 */
import type { SessionUser } from "../auth/session";
import type { AppDeps } from "../deps";

export const actors = ["anonymous", "mentee", "mentor", "coordinator", "otherMentee", "otherCoordinator", "admin"] as const;
export type Actor = (typeof actors)[number];

/**
 * Program A: mentee, mentor and coordinator are members. Program B: otherMentee and otherCoordinator.
 * `deps` lets an entry create what its input needs (a request, a match...) with the real services or factories.
 */
export type Fixtures = {
  programA: string;
  programB: string;
  users: Record<Exclude<Actor, "anonymous">, SessionUser>;
  menteeNotificationId: string;
  /** The mentee's membership in program A. */
  membershipInA: string;
  /** The mentor's membership in program A. */
  mentorMembershipInA: string;
  freshUser(): Promise<{ id: string; email: string }>;
  deps: AppDeps;
};

/** "ok": the call succeeds. An AppError code: the call reaches the service and fails for a domain reason. */
export type Outcome = "ok" | "denied" | "VALIDATION" | "CONFLICT";
export type Entry = {
  input?: (f: Fixtures, actor: Actor) => unknown | Promise<unknown>;
  expect: Record<Actor, Outcome>;
};

export const all = (o: Outcome): Record<Actor, Outcome> => ({
  anonymous: o,
  mentee: o,
  mentor: o,
  coordinator: o,
  otherMentee: o,
  otherCoordinator: o,
  admin: o,
});
export const signedIn = (o: Outcome = "ok"): Record<Actor, Outcome> => ({ ...all(o), anonymous: "denied" });
export const adminOnly: Record<Actor, Outcome> = { ...all("denied"), admin: "ok" };
/** Program A's coordinator and platform admins. */
export const programAStaff: Record<Actor, Outcome> = { ...all("denied"), coordinator: "ok", admin: "ok" };
/** Everyone in program A, and platform admins. */
export const programAMembers: Record<Actor, Outcome> = { ...programAStaff, mentee: "ok", mentor: "ok" };
