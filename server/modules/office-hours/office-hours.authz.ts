import type { Entry } from "../../test-support/authz";

export const officeHoursAuthz: Record<string, Entry> = {};
