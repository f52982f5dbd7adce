import type { Entry } from "../../test-support/authz";

export const cohortAuthz: Record<string, Entry> = {};
