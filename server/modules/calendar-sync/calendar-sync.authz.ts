import type { Entry } from "../../test-support/authz";

export const calendarSyncAuthz: Record<string, Entry> = {};
