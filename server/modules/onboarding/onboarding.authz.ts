import type { Entry } from "../../test-support/authz";

export const onboardingAuthz: Record<string, Entry> = {};
