// The value lists of the text "enum" columns, as plain `as const` arrays with no Drizzle import: the client imports
// them (through the shared zod schemas) without pulling the database library, or table and column names, into the
// browser bundle. The Drizzle table files re-export them so server code can keep importing from the domain file.
// A test (db/schema/enums.test.ts) walks the client's import graph and fails if any other db/schema file, or
// drizzle-orm, is reachable from it.

export const programTypes = ["one_to_one", "group"] as const;
export const joinModes = ["open", "invite_link", "invite_code"] as const;
export const matchingModes = ["mentee_choice", "reviewed", "cohort"] as const;
export const checklistSteps = ["code_of_conduct", "documents", "training", "background_check"] as const;
export type ChecklistStep = (typeof checklistSteps)[number];
export const membershipStatuses = ["pending", "active", "declined", "removed"] as const;

export const matchStatuses = ["active", "paused", "completed", "ended"] as const;
export type MatchStatus = (typeof matchStatuses)[number];
export const matchSources = ["request", "reviewed", "manual", "cohort"] as const;
export const requestStatuses = ["pending", "needs_info", "accepted", "declined", "expired", "withdrawn"] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const cohortRunStatuses = ["queued", "running", "done", "failed", "published", "discarded"] as const;

export const sessionStatuses = ["requested", "confirmed", "cancelled", "completed", "no_show"] as const;
export type SessionStatus = (typeof sessionStatuses)[number];
/** Statuses that hold the time: only these are `active` in session_participants. */
export const liveSessionStatuses = ["requested", "confirmed"] as const satisfies readonly SessionStatus[];
export const sessionKinds = ["one_to_one", "group"] as const;
export type SessionKind = (typeof sessionKinds)[number];
export const seriesFrequencies = ["weekly", "fortnightly", "monthly"] as const;
export type SeriesFrequency = (typeof seriesFrequencies)[number];
export const proposalStatuses = ["open", "accepted", "declined", "withdrawn"] as const;
