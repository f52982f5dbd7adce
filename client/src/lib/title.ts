import { createEffect } from "solid-js";

export const appName = "Mentoring";

/** Sets the document title for the current page ("Sign in · Mentoring"). */
export function usePageTitle(title: () => string) {
  createEffect(() => {
    document.title = `${title()} · ${appName}`;
  });
}
