import { createQuery } from "@tanstack/solid-query";
import { Match, Switch } from "solid-js";
import { Alert } from "../components/ui/alert";
import { Card } from "../components/ui/card";
import { PageHeader } from "../components/ui/page-header";
import { LoadingBlock } from "../components/ui/spinner";
import { CompletenessBar } from "../features/profile/completeness-card";
import { ProfileEditForms } from "../features/profile/profile-edit";
import { ProfileView } from "../features/profile/profile-view";
import { profileQueries } from "../features/profile/queries";
import { errorMessage } from "../lib/errors";
import { usePageTitle } from "../lib/title";

export default function ProfilePage() {
  usePageTitle(() => "Your profile");
  const mine = createQuery(() => profileQueries.mine());
  return (
    <>
      <PageHeader title="Your profile" description="This is what people in your programs see. Keep it up to date to get better matches." />
      <Switch>
        <Match when={mine.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={mine.isError && !mine.data}>
          <Alert tone="error">{errorMessage(mine.error)}</Alert>
        </Match>
        <Match when={mine.data}>
          {(p) => (
            <div class="grid items-start gap-6 lg:grid-cols-5">
              <div class="flex flex-col gap-6 lg:sticky lg:top-20 lg:col-span-2">
                <Card title="Completeness">
                  <div class="flex flex-col gap-2">
                    <p class="text-sm text-slate-600">
                      <span class="text-2xl font-semibold text-slate-900">{p().completeness.percent}%</span> complete
                    </p>
                    <CompletenessBar percent={p().completeness.percent} />
                    <Switch>
                      <Match when={p().completeness.missing.length > 0}>
                        <p class="text-sm text-slate-600">Missing: {p().completeness.missing.join(", ")}.</p>
                      </Match>
                    </Switch>
                  </div>
                </Card>
                <section aria-labelledby="preview-heading" class="flex flex-col gap-3">
                  <h2 id="preview-heading" class="text-sm font-semibold tracking-wide text-slate-500 uppercase">
                    How others see you
                  </h2>
                  <ProfileView profile={p()} headingLevel={3} />
                </section>
              </div>
              <div class="lg:col-span-3">
                <ProfileEditForms profile={p()} />
              </div>
            </div>
          )}
        </Match>
      </Switch>
    </>
  );
}
