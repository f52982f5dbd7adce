import type { Entry } from "../../test-support/authz";

export const matchAuthz: Record<string, Entry> = {};
