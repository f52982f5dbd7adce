import { A } from "@solidjs/router";
import { buttonClass } from "../components/ui/button";
import { usePageTitle } from "../lib/title";
import { AdaptiveFrame } from "./adaptive-frame";

export default function NotFoundPage() {
  usePageTitle(() => "Page not found");
  return (
    <AdaptiveFrame>
      <div class="mx-auto flex max-w-md flex-col items-center py-16 text-center">
        <p class="text-sm font-semibold text-indigo-600">404</p>
        <h1 class="mt-2 text-3xl font-semibold tracking-tight text-slate-900">Page not found</h1>
        <p class="mt-3 text-slate-600">The address may be mistyped, or the page has moved.</p>
        <A href="/" class={buttonClass("primary", "md", "mt-6")}>
          Go to the home page
        </A>
      </div>
    </AdaptiveFrame>
  );
}
