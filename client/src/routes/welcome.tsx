import { useNavigate } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { Match, Switch } from "solid-js";
import { Logo } from "../components/layout/logo";
import { Alert } from "../components/ui/alert";
import { Button } from "../components/ui/button";
import { LoadingBlock } from "../components/ui/spinner";
import { profileQueries } from "../features/profile/queries";
import { WelcomeWizard } from "../features/profile/welcome-wizard";
import { errorMessage } from "../lib/errors";
import { firstName, type Me } from "../lib/session";
import { usePageTitle } from "../lib/title";
import { SessionGate } from "./guards";
import { useSignOut } from "./sign-out";

function WizardLoader(props: { me: Me }) {
  const navigate = useNavigate();
  const profile = createQuery(() => profileQueries.mine());
  return (
    <Switch>
      <Match when={profile.isPending}>
        <LoadingBlock />
      </Match>
      <Match when={profile.isError && !profile.data}>
        <Alert tone="error">{errorMessage(profile.error)}</Alert>
      </Match>
      <Match when={profile.data}>
        <WelcomeWizard me={props.me} profile={profile.data} onDone={() => navigate("/", { replace: true })} />
      </Match>
    </Switch>
  );
}

/** The first-sign-in wizard, in a quiet frame without the app navigation. */
export default function WelcomePage() {
  usePageTitle(() => "Set up your profile");
  const signOut = useSignOut();
  return (
    <SessionGate>
      {(me) => (
        <div class="flex min-h-dvh flex-col">
          <header class="border-b border-slate-200 bg-white">
            <div class="mx-auto flex h-14 max-w-3xl items-center justify-between px-4 sm:px-6">
              <Logo href="/welcome" />
              <Button variant="ghost" size="sm" onClick={() => void signOut()}>
                Sign out
              </Button>
            </div>
          </header>
          <main id="main" tabIndex={-1} class="mx-auto w-full max-w-3xl flex-1 px-4 py-8 focus:outline-none sm:px-6">
            <h1 class="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Set up your profile</h1>
            <p class="mt-1 text-sm text-slate-600">
              Hi {firstName(me().name)}, a few questions so we can match you with the right people. You can change everything later.
            </p>
            <div class="mt-6 rounded-2xl bg-white px-4 py-6 shadow-sm ring-1 ring-slate-200 sm:px-8">
              <WizardLoader me={me()} />
            </div>
          </main>
        </div>
      )}
    </SessionGate>
  );
}
