import type { Entry } from "../../test-support/authz";

export const programSessionsAuthz: Record<string, Entry> = {};
