import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Dialog } from "../../components/ui/dialog";
import { errorMessage } from "../../lib/errors";
import { trpc } from "../../lib/trpc";

/** Ends every session of the account, this one included. */
export function SignOutEverywhere(props: { onSignedOut: () => void }) {
  const [confirming, setConfirming] = createSignal(false);
  const signOut = createMutation(() => ({
    mutationFn: () => trpc.auth.signOutEverywhere.mutate(),
    onSuccess: () => {
      setConfirming(false);
      props.onSignedOut();
    },
  }));
  return (
    <Card title="Sessions" description="Signed in on a shared or lost device? End every session at once.">
      <div class="flex flex-col gap-4">
        <Show when={signOut.isError && !confirming()}>
          <Alert tone="error">{errorMessage(signOut.error)}</Alert>
        </Show>
        <Button variant="danger" class="self-start" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </Button>
      </div>
      <Dialog
        open={confirming()}
        onOpenChange={setConfirming}
        title="Sign out everywhere?"
        description="You will be signed out on every device, including this one."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button variant="danger" loading={signOut.isPending} onClick={() => signOut.mutate()}>
              Sign out everywhere
            </Button>
          </>
        }
      >
        <Show when={signOut.isError}>
          <Alert tone="error">{errorMessage(signOut.error)}</Alert>
        </Show>
      </Dialog>
    </Card>
  );
}
