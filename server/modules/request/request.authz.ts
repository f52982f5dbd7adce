import type { Entry } from "../../test-support/authz";

export const requestAuthz: Record<string, Entry> = {};
