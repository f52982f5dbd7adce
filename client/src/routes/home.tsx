import { createQuery } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { PageHeader } from "../components/ui/page-header";
import { AdminOverviewCard } from "../features/admin/overview-card";
import { BookWithList } from "../features/booking/book-with-list";
import { VerifyEmailBanner } from "../features/home/verify-email-banner";
import { NextStepCard } from "../features/next-step/next-step-card";
import { nextStepQueries } from "../features/next-step/queries";
import { LatestNotificationsCard } from "../features/notifications/latest-notifications-card";
import { CompletenessCard } from "../features/profile/completeness-card";
import { CoordinatorCard, ProgramsCard } from "../features/programs/programs-card";
import { firstName } from "../lib/session";
import { usePageTitle } from "../lib/title";
import { useSignedInMe } from "./me-context";

export default function HomePage() {
  const me = useSignedInMe();
  usePageTitle(() => "Home");
  // The same query the next-step card reads (one request): matches it already offers to book are left out below.
  const steps = createQuery(() => nextStepQueries.mine());
  const offeredByNextStep = () =>
    new Set((steps.data ?? []).flatMap((s) => (s.kind === "book_session" || s.kind === "propose_times" ? [s.matchId] : [])));
  return (
    <>
      <PageHeader title={`Welcome, ${firstName(me().name)}`} description="Here is what is happening in your mentoring programs." />
      <div class="flex flex-col gap-6">
        <Show when={!me().emailVerified}>
          <VerifyEmailBanner email={me().email} />
        </Show>
        <div class="grid items-start gap-6 lg:grid-cols-3">
          <div class="flex flex-col gap-6 lg:col-span-2">
            <Show when={me().isPlatformAdmin}>
              <AdminOverviewCard />
            </Show>
            {/* One next step per program and role, worked out on the server (the program page shows the same). */}
            <NextStepCard />
            {/* Booking with every other active match (once the steps are known, so nothing flickers twice). */}
            <Show when={!steps.isPending}>
              <BookWithList omit={offeredByNextStep()} />
            </Show>
            <LatestNotificationsCard />
            <ProgramsCard isPlatformAdmin={me().isPlatformAdmin} />
          </div>
          <div class="flex flex-col gap-6">
            <CompletenessCard />
            <Show when={me().roles.includes("coordinator")}>
              <CoordinatorCard />
            </Show>
          </div>
        </div>
      </div>
    </>
  );
}
