/**
 * `npm run bench -- slots`: 8 weeks of slots for a pair with 1,000 existing sessions, on a realistic context
 * (weekly windows on 5 days, overrides, buffers, notice, caps, mentee windows, blackout dates, DST in the range).
 *
 *   - the pure engine (computeSlots) with every session of the year as busy time;
 *   - the service (findSlots: reads the pair's rows, computes, formats for the viewer) on PGlite and PostgreSQL
 *     (BENCH_DATABASE_URL's server, or a throwaway cluster), with the sessions written in bulk beforehand;
 *   - the same through HTTP (tRPC with a session cookie), as the booking page asks.
 * Every run checks its answer: slots exist, none overlaps a live session, and all three paths give the same slots.
 */
import { type Db, type DbHandle, openDb } from "../db/client";
import { createTestClock } from "../server/clock";
import type { WeeklyWindow } from "../server/modules/matching/availability";
import { notifyDepsOf } from "../server/modules/notification/outbox.service";
import type { AvailabilityRules } from "../server/modules/scheduling/availability-rules";
import { findSlots } from "../server/modules/scheduling/scheduling.service";
import { formatSlotForViewer } from "../server/modules/scheduling/slot-display";
import { computeSlots, type Slot, type SlotQuery } from "../server/modules/scheduling/slots";
import { sessionUser } from "../server/test-support/factories";
import { seededRandom } from "../server/test-support/matching-profiles";
import { schedulingTestData } from "../server/test-support/scheduling-test-data";
import { startTestApp } from "../server/test-support/test-app";
import { insertSessions, withPostgresDatabase } from "./bench-database";
import { loadAverage, median, ms, percentile, timeRuns } from "./stats";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// US clocks change on 14 March 2027 and European ones on 28 March: for two weeks New York and Berlin are 5 hours
// apart instead of 6, inside the range.
const NOW = "2027-02-20T15:00:00Z";
const RANGE = { from: "2027-02-22T00:00:00Z", to: "2027-04-19T00:00:00Z" };
const HISTORY = { from: Date.parse("2026-09-01T00:00:00Z"), days: 365, sessions: 1_000 };
const SESSION_MINUTES = 60;
const STEP_MINUTES = 30;

const weekdays = [1, 2, 3, 4, 5];
const mentor = {
  timeZone: "America/New_York",
  rules: {
    weekly: [
      ...weekdays.flatMap((weekday) => [
        { weekday, start: "09:00", end: "12:00" },
        { weekday, start: "13:00", end: "17:00" },
      ]),
      { weekday: 2, start: "18:00", end: "20:00" },
      { weekday: 4, start: "18:00", end: "20:00" },
    ],
    overrides: [
      { date: "2027-03-05", kind: "blocked" },
      { date: "2027-03-17", kind: "replace", windows: [{ start: "10:00", end: "12:00" }] },
      { date: "2027-03-27", kind: "extra", windows: [{ start: "10:00", end: "14:00" }] },
      { date: "2027-04-09", kind: "blocked" },
    ],
    bufferBeforeMinutes: 15,
    bufferAfterMinutes: 10,
    minimumNotice: { kind: "hours", hours: 24 },
    maxPerDay: 5,
    maxPerWeek: 25,
  } satisfies AvailabilityRules,
};
const mentee = {
  timeZone: "Europe/Berlin",
  windows: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "14:00", end: "23:00" })) satisfies WeeklyWindow[],
};
const program = { timezone: "Europe/London", blackoutDates: ["2027-03-01", "2027-04-02", "2027-04-05"], sessionMinutes: SESSION_MINUTES };

type Past = { start: Date; end: Date; status: "confirmed" | "cancelled" };

/**
 * 1,000 one-hour sessions of the pair on whole hours 13:00-21:00 UTC of random days of the surrounding year
 * (distinct hours, so live ones never overlap); every tenth is cancelled, which holds no time.
 */
function sessionHistory(): Past[] {
  const rng = seededRandom(5);
  const taken = new Set<number>();
  while (taken.size < HISTORY.sessions)
    taken.add(HISTORY.from + Math.floor(rng() * HISTORY.days) * DAY + (13 + Math.floor(rng() * 9)) * HOUR);
  return [...taken]
    .sort((a, b) => a - b)
    .map((start, i) => ({ start: new Date(start), end: new Date(start + HOUR), status: i % 10 === 9 ? "cancelled" : "confirmed" }));
}

/** What the service builds from the rows, with the whole year of sessions instead of the range's. */
function engineQuery(history: Past[]): SlotQuery {
  const live = history.filter((s) => s.status !== "cancelled");
  return {
    now: NOW,
    mentor,
    mentee,
    busy: live.map((s) => ({ start: s.start, end: s.end, kind: "session" as const })),
    existingSessionsForCaps: live,
    blackoutDates: program.blackoutDates,
    programTimeZone: program.timezone,
    range: { start: RANGE.from, end: RANGE.to },
    sessionMinutes: SESSION_MINUTES,
    stepMinutes: STEP_MINUTES,
  };
}

/** Throws unless there are slots, none overlaps a live session, and they equal the engine's. */
function checkAnswer(label: string, slots: readonly Slot[], history: Past[], expected?: readonly Slot[]) {
  if (slots.length === 0) throw new Error(`${label}: no slots, so the benchmark would measure nothing`);
  const live = history.filter((s) => s.status !== "cancelled");
  for (const slot of slots) {
    const [start, end] = [Date.parse(slot.start), Date.parse(slot.end)];
    const clash = live.find((s) => s.start.getTime() < end && s.end.getTime() > start);
    if (clash) throw new Error(`${label}: slot ${slot.start} overlaps the session at ${clash.start.toISOString()}`);
  }
  const starts = (xs: readonly Slot[]) => xs.map((s) => Date.parse(s.start)).join();
  if (expected && starts(slots) !== starts(expected)) throw new Error(`${label}: the slots differ from the engine's`);
}

type Prepared = { execute: (...args: unknown[]) => Promise<unknown> };

/**
 * Counts the statements `db` runs and the time spent waiting for them, by wrapping the query preparation of
 * Drizzle's session (an internal, peeked at here only; nothing else changes).
 */
function statementMeter(db: Db) {
  const session = (db as unknown as { session: { prepareQuery: (...args: unknown[]) => Prepared } }).session;
  const prepare = session.prepareQuery.bind(session);
  const original = session.prepareQuery;
  const meter = {
    statements: 0,
    ms: 0,
    bySql: new Map<string, number>(),
    params: new Map<string, unknown[]>(),
    stop: () => {
      session.prepareQuery = original;
    },
  };
  session.prepareQuery = (...args) => {
    const { sql: text, params } = args[0] as { sql: string; params: unknown[] };
    meter.params.set(text, params);
    const prepared = prepare(...args);
    const execute = prepared.execute.bind(prepared);
    prepared.execute = async (...a) => {
      const start = performance.now();
      try {
        return await execute(...a);
      } finally {
        meter.statements++;
        meter.ms += performance.now() - start;
        meter.bySql.set(text, (meter.bySql.get(text) ?? 0) + performance.now() - start);
      }
    };
    return prepared;
  };
  return meter;
}

const row = (label: string, times: number[], notes: string) =>
  console.log(`| ${label} | ${ms(median(times))} | ${ms(percentile(times, 95))} | ${times.length} | ${notes} |`);

/** PostgreSQL's own execution time of a statement (EXPLAIN ANALYZE), without the round trip and the client. */
type ServerTime = (text: string, params: unknown[]) => Promise<number>;

/** Prints the timing rows; returns the per-statement split, printed after the table. */
async function benchThroughService(
  kind: string,
  handle: DbHandle,
  history: Past[],
  expected: readonly Slot[],
  serverTime?: ServerTime,
): Promise<string> {
  const t = await startTestApp({}, { clock: createTestClock(NOW), handle });
  try {
    const data = schedulingTestData(t);
    const p = await data.program(program);
    const mentorUser = await data.mentor(p.id, { timezone: mentor.timeZone, rules: mentor.rules });
    const menteeUser = await data.mentee(p.id, { timezone: mentee.timeZone, windows: mentee.windows });
    const matchId = await data.match(p.id, mentorUser.id, menteeUser.id);
    const w0 = performance.now();
    await insertSessions(
      t.deps.db,
      history.map((s) => ({ ...s, matchId, programId: p.id, mentorId: mentorUser.id, menteeId: menteeUser.id })),
    );
    const writeMs = performance.now() - w0;

    const input = { matchId, from: RANGE.from, to: RANGE.to };
    const actor = sessionUser(menteeUser);
    // As the router calls it, without a connected outside calendar.
    const deps = { db: t.deps.db, ...notifyDepsOf(t.deps) };
    const last = await findSlots(deps, actor, input);
    checkAnswer(`findSlots on ${kind}`, last.slots, history, expected);
    const meter = statementMeter(t.deps.db);
    const runs = 30;
    const service = await timeRuns(runs, 0, () => findSlots(deps, actor, input));
    meter.stop();
    const perCall = { statements: meter.statements / runs, ms: meter.ms / runs };
    const split = [...meter.bySql]
      .sort((a, b) => b[1] - a[1])
      .map(
        ([text, total]) => `${/ from "(\w+)"/.exec(text)?.[1]}${text.startsWith("select distinct") ? " (busy)" : ""} ${ms(total / runs)}`,
      );
    const format = await timeRuns(30, 3, () => last.slots.map((s) => formatSlotForViewer(s, last.viewerTimeZone, last.otherTimeZone)));
    row(
      `findSlots (service), ${kind}`,
      service,
      `${last.slots.length} slots; per call ${perCall.statements} SQL statements waited on for ${ms(perCall.ms)} ms (mean), formatting for the viewer ${ms(median(format))} ms; 1,000 sessions written in ${ms(writeMs)} ms`,
    );

    const client = await data.clientFor(menteeUser.id);
    const overHttp = await client.scheduling.slots.query(input);
    checkAnswer(`scheduling.slots over HTTP on ${kind}`, overHttp.slots, history, expected);
    const http = await timeRuns(30, 3, () => client.scheduling.slots.query(input));
    row(
      `scheduling.slots over HTTP (tRPC, cookie), ${kind}`,
      http,
      `${overHttp.slots.length} slots, ${JSON.stringify(overHttp).length} bytes of JSON`,
    );
    let executed = "";
    if (serverTime) {
      let total = 0;
      for (const [text, params] of meter.params) total += await serverTime(text, params);
      executed = `; PostgreSQL's own execution time for all ${meter.params.size} (EXPLAIN ANALYZE): ${ms(total)} ms`;
    }
    return `statements of one findSlots call on ${kind}, by first table, mean ms waited: ${split.join(", ")}${executed}`;
  } finally {
    await t.close();
  }
}

export async function benchSlots() {
  console.log(`\n## Slots for 8 weeks, a pair with 1,000 sessions (load average ${loadAverage()})`);
  const history = sessionHistory();
  const inRange = history.filter((s) => s.start >= new Date(RANGE.from) && s.start < new Date(RANGE.to));
  console.log(
    `sessions: ${history.length} over ${HISTORY.days} days, ${inRange.length} in the 8 weeks (${inRange.filter((s) => s.status === "cancelled").length} of them cancelled)`,
  );
  console.log("| case | median ms | p95 ms | runs | notes |\n|---|---|---|---|---|");

  const query = engineQuery(history);
  const result = computeSlots(query);
  checkAnswer("computeSlots", result.slots, history);
  const engine = await timeRuns(200, 10, () => computeSlots(query));
  const removed = result.explanation.rules
    .filter((r) => r.removed > 0)
    .map((r) => `${r.code} ${r.removed}`)
    .join(", ");
  row(
    "computeSlots (pure engine), all 1,000 sessions as input",
    engine,
    `${result.slots.length} slots of ${result.explanation.candidates} start times; removed: ${removed}`,
  );

  const splits: string[] = [];
  const pglite = await openDb({});
  try {
    splits.push(await benchThroughService("PGlite (in memory)", pglite, history, result.slots));
  } finally {
    await pglite.close();
  }
  // BENCH_SLOTS_POSTGRES=0 skips PostgreSQL (no server needed).
  if (process.env.BENCH_SLOTS_POSTGRES !== "0") {
    await withPostgresDatabase(async (url) => {
      const handle = await openDb({ url, max: 4 });
      const postgres = (await import("postgres")).default;
      const direct = postgres(url, { max: 1, onnotice: () => {} });
      const serverTime: ServerTime = async (text, params) => {
        const rows = await direct.unsafe(`explain (analyze, format json) ${text}`, params as never[]);
        const [plan] = rows[0]!["QUERY PLAN"] as [{ "Execution Time": number }];
        return plan["Execution Time"];
      };
      try {
        splits.push(await benchThroughService("PostgreSQL", handle, history, result.slots, serverTime));
      } finally {
        await direct.end();
        await handle.close();
      }
    });
  }
  console.log(`\n${splits.join("\n")}\n\nload average after: ${loadAverage()}`);
}
