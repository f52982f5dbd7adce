import { checkPasswordStrength, PASSWORD_MIN, type PasswordVerdict, preloadPasswordStrength } from "@shared/modules/auth/password-strength";
import { createResource, onMount, Show } from "solid-js";

/**
 * The live hint under a new-password field. It runs the very rule the server applies (the shared module), so
 * what it calls strong enough the server accepts, and what it refuses the server refuses with the same words.
 * zxcvbn is fetched when the field mounts (not with the page), so only pages with a new-password field pay for it.
 */
export function PasswordStrengthHint(props: { password: string; userInputs?: string[] }) {
  onMount(preloadPasswordStrength);
  const [verdict] = createResource(
    () => ({ password: props.password, inputs: props.userInputs ?? [] }),
    ({ password, inputs }): Promise<PasswordVerdict | null> =>
      password === "" ? Promise.resolve(null) : checkPasswordStrength(password, inputs).catch(() => null),
  );
  // The latest settled verdict, so the hint does not flicker while the next one is computed.
  const current = () => (verdict.state === "ready" || verdict.state === "refreshing" ? verdict.latest : null);
  return (
    <>
      Use at least {PASSWORD_MIN} characters. A short sentence is easy to remember and hard to guess.{" "}
      <span aria-live="polite" data-testid="password-strength">
        <Show when={current()}>
          {(v) => (
            <Show when={v().ok} fallback={<span class="font-medium text-red-700">Too weak: {v().message}</span>}>
              <span class="font-medium text-emerald-800">Strong enough.</span>
            </Show>
          )}
        </Show>
      </span>
    </>
  );
}
