import type { Entry } from "../../test-support/authz";

export const sessionRecordAuthz: Record<string, Entry> = {};
