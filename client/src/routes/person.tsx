import { useParams } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { Match, Switch } from "solid-js";
import { Alert } from "../components/ui/alert";
import { PageHeader } from "../components/ui/page-header";
import { LoadingBlock } from "../components/ui/spinner";
import { ProfileView } from "../features/profile/profile-view";
import { profileQueries } from "../features/profile/queries";
import { errorMessage } from "../lib/errors";
import { usePageTitle } from "../lib/title";

export default function PersonPage() {
  const params = useParams<{ userId: string }>();
  const profile = createQuery(() => profileQueries.get(params.userId));
  usePageTitle(() => profile.data?.name ?? "Profile");
  return (
    <div class="mx-auto max-w-3xl">
      <Switch>
        <Match when={profile.isPending}>
          <PageHeader title="Profile" />
          <LoadingBlock />
        </Match>
        <Match when={profile.isError && !profile.data}>
          <PageHeader title="Profile not available" />
          <Alert tone="error">{errorMessage(profile.error)}</Alert>
        </Match>
        <Match when={profile.data}>
          {(p) => (
            <>
              <PageHeader title={p().name} description={p().isSelf ? "This is your own profile." : undefined} />
              <ProfileView profile={p()} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
