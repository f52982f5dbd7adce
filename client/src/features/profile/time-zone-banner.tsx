import { createMutation } from "@tanstack/solid-query";
import { createSignal, Show } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Button } from "../../components/ui/button";
import { errorMessage } from "../../lib/errors";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { browserTimeZone } from "../../lib/time-zone";
import { trpc } from "../../lib/trpc";

const storageKey = (device: string, profile: string) => `mis.tz-banner.kept:${device}:${profile}`;

function wasKept(device: string, profile: string): boolean {
  try {
    return localStorage.getItem(storageKey(device, profile)) === "1";
  } catch {
    return false;
  }
}

/**
 * Times are shown in the profile's zone everywhere (the same as emails and session links). When this device is
 * set to another zone, offer to move the profile to it, or to keep it; "Keep" is remembered on this device for
 * this pair of zones, so travelling somewhere new asks again.
 */
export function TimeZoneBanner(props: { profileZone: string }) {
  const device = browserTimeZone();
  const [kept, setKept] = createSignal(wasKept(device, props.profileZone));
  const [moved, setMoved] = createSignal(false);
  const save = createMutation(() => ({
    mutationFn: () => trpc.profile.setTimeZone.mutate({ timezone: device }),
    onSuccess: async () => {
      setMoved(true);
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
      // Every time on screen is written in the new zone: server-written ones too (slots, link pages).
      await queryClient.invalidateQueries();
    },
  }));
  const keep = () => {
    try {
      localStorage.setItem(storageKey(device, props.profileZone), "1");
    } catch {
      // Private windows may refuse storage: the banner then only hides for this visit.
    }
    setKept(true);
  };

  return (
    <Show
      when={!moved()}
      fallback={
        <Alert tone="success" class="mb-6">
          Your time zone is now {device}. Times on every page, in emails and on session links use it.
        </Alert>
      }
    >
      <Show when={device !== props.profileZone && !kept()}>
        <section aria-label="Time zone">
          <Alert
            tone="info"
            class="mb-6"
            title="Your device is in another time zone"
            actions={
              <div class="flex flex-wrap gap-2">
                <Button size="sm" loading={save.isPending} onClick={() => save.mutate()}>
                  Use {device}
                </Button>
                <Button size="sm" variant="secondary" onClick={keep}>
                  Keep {props.profileZone}
                </Button>
              </div>
            }
          >
            Times here are shown in your profile's time zone, <strong>{props.profileZone}</strong>, the same as in your emails. This device
            is set to <strong>{device}</strong>.
            <Show when={save.isError}>
              <span class="mt-1 block font-medium text-red-800">{errorMessage(save.error)}</span>
            </Show>
          </Alert>
        </section>
      </Show>
    </Show>
  );
}
