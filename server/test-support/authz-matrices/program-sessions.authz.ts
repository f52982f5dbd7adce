import { type Entry, type Fixtures, programAStaff } from "../authz";

const HOUR = 3_600_000;
const month = (f: Fixtures) => ({
  programId: f.programA,
  from: new Date(Date.now() - 7 * 24 * HOUR).toISOString(),
  to: new Date(Date.now() + 35 * 24 * HOUR).toISOString(),
});

/** Program A's coordinator and platform admins; members and program B's coordinator are refused. */
export const programSessionsAuthz: Record<string, Entry> = {
  "programSessions.list": { input: (f) => ({ ...month(f), status: "confirmed", search: "a", lateOnly: false }), expect: programAStaff },
  "programSessions.summary": { input: month, expect: programAStaff },
};
