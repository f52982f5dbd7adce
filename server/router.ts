import { adminRouter } from "./modules/admin/admin.router";
import { authRouter } from "./modules/auth/auth.router";
import { calendarSyncRouter } from "./modules/calendar-sync/calendar-sync.router";
import { cohortRouter } from "./modules/cohort/cohort.router";
import { devMailboxRouter } from "./modules/dev/dev-mailbox.router";
import { matchRouter } from "./modules/match/match.router";
import { nextStepRouter } from "./modules/next-step/next-step.router";
import { integrationsRouter } from "./modules/notification/integrations.router";
import { notificationRouter } from "./modules/notification/notification.router";
import { templateRouter } from "./modules/notification/template.router";
import { officeHoursRouter } from "./modules/office-hours/office-hours.router";
import { onboardingRouter } from "./modules/onboarding/onboarding.router";
import { profileRouter } from "./modules/profile/profile.router";
import { programRouter } from "./modules/program/program.router";
import { requestRouter } from "./modules/request/request.router";
import { programSessionsRouter } from "./modules/scheduling/program-sessions.router";
import { schedulingRouter } from "./modules/scheduling/scheduling.router";
import { sessionLinkRouter } from "./modules/session-link/session-link.router";
import { sessionRecordRouter } from "./modules/session-record/session-record.router";
import { router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  profile: profileRouter,
  program: programRouter,
  onboarding: onboardingRouter,
  request: requestRouter,
  match: matchRouter,
  cohort: cohortRouter,
  scheduling: schedulingRouter,
  sessionRecord: sessionRecordRouter,
  sessionLink: sessionLinkRouter,
  officeHours: officeHoursRouter,
  calendarSync: calendarSyncRouter,
  programSessions: programSessionsRouter,
  nextStep: nextStepRouter,
  notification: notificationRouter,
  template: templateRouter,
  integrations: integrationsRouter,
  admin: adminRouter,
  devMailbox: devMailboxRouter,
});

export type AppRouter = typeof appRouter;
