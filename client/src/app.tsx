import { Route, Router, type RouteSectionProps, useLocation } from "@solidjs/router";
import { QueryClientProvider } from "@tanstack/solid-query";
import { createEffect, lazy, on, Suspense } from "solid-js";
import { LoadingBlock } from "./components/ui/spinner";
import { queryClient } from "./lib/query-client";

// Every page is its own chunk: the sign-in page loads only what it needs (no socket, no admin tables).
const SignIn = lazy(() => import("./routes/sign-in"));
const SignUp = lazy(() => import("./routes/sign-up"));
const CheckEmail = lazy(() => import("./routes/check-email"));
const VerifyEmail = lazy(() => import("./routes/verify-email"));
const ForgotPassword = lazy(() => import("./routes/forgot-password"));
const ResetPassword = lazy(() => import("./routes/reset-password"));
const Welcome = lazy(() => import("./routes/welcome"));
const SignedInLayout = lazy(() => import("./routes/signed-in-layout"));
const Home = lazy(() => import("./routes/home"));
const SessionPage = lazy(() => import("./routes/session"));
const BookPage = lazy(() => import("./routes/book"));
const SessionLinkPage = lazy(() => import("./routes/session-link"));
const CalendarSettingsPage = lazy(() => import("./routes/calendar-settings"));
const ProgramOfficeHours = lazy(() => import("./routes/program/office-hours"));
const ProgramSessions = lazy(() => import("./routes/program/sessions"));
const Notifications = lazy(() => import("./routes/notifications"));
const Profile = lazy(() => import("./routes/profile"));
const Person = lazy(() => import("./routes/person"));
const Settings = lazy(() => import("./routes/settings"));
const NotificationSettings = lazy(() => import("./routes/notification-settings"));
const Unsubscribe = lazy(() => import("./routes/unsubscribe"));
const AdminDeliveries = lazy(() => import("./routes/admin-deliveries"));
const AdminIntegrations = lazy(() => import("./routes/admin-integrations"));
const AdminTemplates = lazy(() => import("./routes/admin-templates"));
const AdminUsers = lazy(() => import("./routes/admin-users"));
const AdminPrograms = lazy(() => import("./routes/admin-programs"));
const ProgramLayout = lazy(() => import("./routes/program/program-layout"));
const ProgramOverview = lazy(() => import("./routes/program/overview"));
const ProgramSettings = lazy(() => import("./routes/program/settings"));
const ProgramMembers = lazy(() => import("./routes/program/members"));
const ProgramOnboarding = lazy(() => import("./routes/program/onboarding"));
const ProgramReviews = lazy(() => import("./routes/program/reviews"));
const ProgramMentors = lazy(() => import("./routes/program/mentors"));
const ProgramRequests = lazy(() => import("./routes/program/requests"));
const ProgramBoard = lazy(() => import("./routes/program/board"));
const ProgramMatch = lazy(() => import("./routes/program/match"));
const ProgramCohort = lazy(() => import("./routes/program/cohort"));
const ProgramTemplates = lazy(() => import("./routes/program/templates"));
const CalendarPage = lazy(() => import("./routes/calendar"));
const AvailabilityPage = lazy(() => import("./routes/availability"));
const Join = lazy(() => import("./routes/join"));
const DevMailbox = lazy(() => import("./routes/dev-mailbox"));
const NotFound = lazy(() => import("./routes/not-found"));

function Root(props: RouteSectionProps) {
  const location = useLocation();
  // After client-side navigation, start keyboard and screen-reader users at the new page's content.
  createEffect(
    on(
      () => location.pathname,
      () => requestAnimationFrame(() => document.getElementById("main")?.focus({ preventScroll: true })),
      { defer: true },
    ),
  );
  return (
    <>
      {/* rel="external" leaves the click to the browser: a real fragment jump moves the focus start to <main>. */}
      <a
        href="#main"
        rel="external"
        class="sr-only z-50 rounded-md bg-white px-4 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:outline-2 focus:outline-indigo-600"
      >
        Skip to main content
      </a>
      <Suspense
        fallback={
          <div class="flex min-h-dvh items-center justify-center">
            <LoadingBlock />
          </div>
        }
      >
        {props.children}
      </Suspense>
    </>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Router root={Root}>
        <Route path="/sign-in" component={SignIn} />
        <Route path="/sign-up" component={SignUp} />
        <Route path="/check-email" component={CheckEmail} />
        <Route path="/verify-email" component={VerifyEmail} />
        <Route path="/forgot-password" component={ForgotPassword} />
        <Route path="/reset-password" component={ResetPassword} />
        <Route path="/welcome" component={Welcome} />
        <Route path="/dev/mailbox" component={DevMailbox} />
        <Route path="/unsubscribe" component={Unsubscribe} />
        <Route path="/s/:token" component={SessionLinkPage} />
        <Route component={SignedInLayout}>
          <Route path="/" component={Home} />
          <Route path="/notifications" component={Notifications} />
          <Route path="/calendar" component={CalendarPage} />
          <Route path="/availability" component={AvailabilityPage} />
          <Route path="/sessions/:sessionId" component={SessionPage} />
          <Route path="/book/:matchId" component={BookPage} />
          <Route path="/settings/calendar" component={CalendarSettingsPage} />
          <Route path="/profile" component={Profile} />
          <Route path="/people/:userId" component={Person} />
          <Route path="/settings" component={Settings} />
          <Route path="/settings/notifications" component={NotificationSettings} />
          <Route path="/admin/users" component={AdminUsers} />
          <Route path="/admin/programs" component={AdminPrograms} />
          <Route path="/admin/deliveries" component={AdminDeliveries} />
          <Route path="/admin/integrations" component={AdminIntegrations} />
          <Route path="/admin/templates" component={AdminTemplates} />
          <Route path="/join/:token?" component={Join} />
          <Route path="/programs/:programId" component={ProgramLayout}>
            <Route path="/" component={ProgramOverview} />
            <Route path="/settings" component={ProgramSettings} />
            <Route path="/members" component={ProgramMembers} />
            <Route path="/onboarding" component={ProgramOnboarding} />
            <Route path="/reviews" component={ProgramReviews} />
            <Route path="/mentors" component={ProgramMentors} />
            <Route path="/requests" component={ProgramRequests} />
            <Route path="/board" component={ProgramBoard} />
            <Route path="/matches/:matchId" component={ProgramMatch} />
            <Route path="/cohort" component={ProgramCohort} />
            <Route path="/templates" component={ProgramTemplates} />
            <Route path="/office-hours" component={ProgramOfficeHours} />
            <Route path="/sessions" component={ProgramSessions} />
          </Route>
        </Route>
        <Route path="*404" component={NotFound} />
      </Router>
    </QueryClientProvider>
  );
}
