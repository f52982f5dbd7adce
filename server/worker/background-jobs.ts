/**
 * Periodic domain jobs that run beside the delivery worker (request reminders and expiry, cohort matching runs,
 * Google Calendar sync).
 * Every job must be safe with several worker processes on one database: claim rows with a conditional UPDATE
 * or FOR UPDATE SKIP LOCKED, never with a read-then-write. A tick that throws is logged and tried again on the
 * next interval; the loop itself never stops on an error.
 */
import type { AppDeps } from "../deps";
import { calendarSyncJob } from "../modules/calendar-sync/calendar-sync.service";
import { cohortRunnerJob } from "../modules/cohort/cohort-runner";
import { requestSweeperJob } from "../modules/request/request-sweeper.service";

export type BackgroundJob = {
  name: string;
  intervalMs: number;
  /** One pass; returns how many items it handled (for the log). */
  tick: (deps: AppDeps) => Promise<number>;
};

/** Every job, in one list; the composition roots start them all with startBackgroundJobs. */
export const backgroundJobs: BackgroundJob[] = [requestSweeperJob, cohortRunnerJob, calendarSyncJob];

export function startBackgroundJobs(deps: AppDeps, jobs: readonly BackgroundJob[] = backgroundJobs): { stop(): Promise<void> } {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const run = async () => {
      if (busy || stopped) return;
      busy = true;
      try {
        const handled = await job.tick(deps);
        if (handled > 0) deps.logger.info({ job: job.name, handled }, "background job pass");
      } catch (err) {
        deps.logger.error({ err, job: job.name }, "background job failed; retrying on the next pass");
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => {
      const p = run();
      running.add(p);
      void p.finally(() => running.delete(p));
    }, job.intervalMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
