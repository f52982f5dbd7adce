import type { Entry } from "../../test-support/authz";

export const sessionLinkAuthz: Record<string, Entry> = {};
