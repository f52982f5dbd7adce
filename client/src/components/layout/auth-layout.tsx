import { type JSX, Show } from "solid-js";
import { usePageTitle } from "../../lib/title";
import { Logo } from "./logo";

/** The frame of the signed-out pages: a small header and one centered panel holding the page's h1. */
export function AuthLayout(props: { title: string; subtitle?: JSX.Element; children: JSX.Element; footer?: JSX.Element; wide?: boolean }) {
  usePageTitle(() => props.title);
  return (
    <div class="flex min-h-dvh flex-col">
      <header class="px-4 py-5 sm:px-6">
        <div class="mx-auto flex max-w-5xl items-center">
          <Logo />
        </div>
      </header>
      <main id="main" tabIndex={-1} class="flex flex-1 items-start justify-center px-4 pb-16 focus:outline-none sm:pt-8">
        <div class={`w-full ${props.wide ? "max-w-3xl" : "max-w-md"}`}>
          <div class="rounded-2xl bg-white px-5 py-8 shadow-sm ring-1 ring-slate-200 sm:px-8">
            <h1 class="text-2xl font-semibold tracking-tight text-slate-900">{props.title}</h1>
            <Show when={props.subtitle}>
              <p class="mt-2 text-sm text-slate-600">{props.subtitle}</p>
            </Show>
            <div class="mt-6">{props.children}</div>
          </div>
          <Show when={props.footer}>
            <div class="mt-6 text-center text-sm text-slate-600">{props.footer}</div>
          </Show>
        </div>
      </main>
    </div>
  );
}
