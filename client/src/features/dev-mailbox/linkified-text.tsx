import { A } from "@solidjs/router";
import { For, Match, Switch } from "solid-js";

export type TextPart = { kind: "text"; text: string } | { kind: "link"; href: string; text: string };

const urlPattern = /https?:\/\/[^\s<>"']+/g;

/** Splits plain text into text and http(s) URL parts. Trailing punctuation stays outside the link. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    let url = match[0];
    const trail = /[.,;:!?)\]}]+$/.exec(url)?.[0] ?? "";
    url = url.slice(0, url.length - trail.length);
    const start = match.index;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push({ kind: "link", href: url, text: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

function sameOriginPath(href: string): string | null {
  try {
    const u = new URL(href);
    return u.origin === window.location.origin ? u.pathname + u.search + u.hash : null;
  } catch {
    return null;
  }
}

/** Renders text as text (never as HTML); URLs become links, links into this app stay in the app. */
export function LinkifiedText(props: { text: string; class?: string }) {
  const linkClass = "break-all font-medium text-indigo-700 underline hover:text-indigo-600";
  return (
    <div class={props.class}>
      <For each={splitLinks(props.text)}>
        {(part) => (
          <Switch fallback={part.text}>
            <Match when={part.kind === "link" && sameOriginPath(part.text)}>
              {(path) => (
                <A href={path()} class={linkClass}>
                  {part.text}
                </A>
              )}
            </Match>
            <Match when={part.kind === "link"}>
              <a href={part.kind === "link" ? part.href : "#"} class={linkClass} rel="noreferrer noopener" target="_blank">
                {part.text}
              </a>
            </Match>
          </Switch>
        )}
      </For>
    </div>
  );
}
