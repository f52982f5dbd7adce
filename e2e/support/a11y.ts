/**
 * axe-core in every browser journey: each page a journey visits (every main-frame navigation, client-side route
 * changes included) and every state a journey names (`session.checkAccessibility("request dialog open")`) must
 * have no critical or serious WCAG 2.2 A/AA violation. A page is checked once it has settled (loaded, no DOM
 * change for a moment, no finite animation running), so the check sees what a person would see.
 *
 * Only the app's own pages are checked: `startApp` registers its origin here; the local OpenID provider's
 * login page, for example, is someone else's product.
 * Free of vitest so server tests and e2e tests share it.
 */
import { appendFileSync } from "node:fs";
import type { Page } from "playwright-core";

/** Origins whose pages are checked (the apps started by e2e/support/server.ts). */
export const checkedOrigins = new Set<string>();

/** The WCAG 2.2 A and AA rules, as axe-core tags them. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * axe-core keeps these WCAG rules off by default as "experimental"; the label-in-name check (2.5.3) is one of
 * them, and the outside review found its failure on 26 pages, so they are switched on.
 */
const EXPERIMENTAL_WCAG_RULES = [
  "label-content-name-mismatch",
  "p-as-heading",
  "css-orientation-lock",
  "table-fake-caption",
  "td-has-header",
];

/** What fails a journey. Moderate and minor findings are left to the conformance statement (docs/accessibility.md). */
const FAILING_IMPACTS = new Set(["critical", "serious"]);

export type A11yFinding = {
  /** Where and when: the page path and what the journey was doing. */
  state: string;
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
  /** The first failing element's markup, shortened: Tailwind selectors alone rarely say which control it is. */
  html: string;
};

/**
 * Waits until the page looks finished: loaded, 300 ms without DOM changes (at most 5 s), and no finite CSS
 * animation or transition still running (a dialog fading in would fail contrast halfway).
 * A string, so the e2e code needs no DOM types.
 */
const SETTLE = `(async () => {
  if (document.readyState !== "complete") await new Promise((r) => addEventListener("load", r, { once: true }));
  await new Promise((resolve) => {
    let quiet;
    const done = () => { observer.disconnect(); clearTimeout(quiet); clearTimeout(cap); resolve(); };
    const observer = new MutationObserver(() => { clearTimeout(quiet); quiet = setTimeout(done, 300); });
    const cap = setTimeout(done, 5000);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    quiet = setTimeout(done, 300);
  });
  const finite = document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
  await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => {}))), new Promise((r) => setTimeout(r, 2000))]);
})()`;

function isGone(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /Execution context was destroyed|Target page, context or browser has been closed|Target closed|navigat|frame was detached|has been closed/i.test(
    message,
  );
}

/** Runs axe on the page as it is now (after it settles); the failing findings, none when the page is not the app's. */
export async function axeFindings(page: Page, state: string): Promise<A11yFinding[]> {
  const origin = new URL(page.url()).origin;
  if (!checkedOrigins.has(origin)) return [];
  await page.evaluate(SETTLE);
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  // Legacy mode runs axe.run in the page itself; the default would open a blank page in the person's context
  // for every check. The app has no cross-origin frames, so nothing goes unchecked.
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ rules: Object.fromEntries(EXPERIMENTAL_WCAG_RULES.map((id) => [id, { enabled: true }])) })
    .setLegacyMode(true)
    .analyze();
  const where = `${new URL(results.url || page.url()).pathname} (${state})`;
  // E2E_AXE_REPORT=<file> keeps every finding, moderate and minor too, one JSON line each (for the statement).
  const report = process.env.E2E_AXE_REPORT;
  if (report) {
    for (const v of results.violations) {
      const line = {
        state: where,
        rule: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.map(String).join(" ")),
        nodes: v.nodes.slice(0, 3).map((n) => ({ html: n.html, why: n.failureSummary })),
      };
      appendFileSync(report, `${JSON.stringify(line)}\n`);
    }
  }
  return results.violations
    .filter((v) => FAILING_IMPACTS.has(v.impact ?? ""))
    .map((v) => ({
      state: where,
      rule: v.id,
      impact: v.impact ?? "",
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.map(String).join(" ")),
      html: (v.nodes[0]?.html ?? "").slice(0, 160),
    }));
}

/** The failure message: rule id, impact, target selectors and help URL, per page state. */
export function describeFindings(findings: A11yFinding[]): string {
  const lines = [`${findings.length} critical or serious accessibility violation(s) (axe-core, WCAG 2.2 AA):`];
  for (const f of findings) {
    lines.push(`- ${f.impact} ${f.rule} on ${f.state}: ${f.help}`);
    lines.push(`    targets: ${f.targets.slice(0, 8).join(" | ")}${f.targets.length > 8 ? ` (+${f.targets.length - 8} more)` : ""}`);
    if (f.html) lines.push(`    first: ${f.html}`);
    lines.push(`    help: ${f.helpUrl}`);
  }
  return lines.join("\n");
}

export class AccessibilityError extends Error {
  constructor(readonly findings: A11yFinding[]) {
    super(describeFindings(findings));
    this.name = "AccessibilityError";
  }
}

/**
 * Watches one page: checks it after each main-frame navigation (one check at a time; a navigation during a check
 * queues one more), keeps what failed, and answers `check(state)` for the states a journey names.
 */
export type A11yWatch = {
  /** Checks the page now; throws an AccessibilityError listing what fails. */
  check(state: string): Promise<void>;
  /** Waits for queued checks, checks the current page once more, throws for everything found since the last call. */
  assertClean(): Promise<void>;
};

export function watchAccessibility(page: Page): A11yWatch {
  const found: A11yFinding[] = [];
  const seen = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  let navigated = false;
  let watching: Promise<void> | undefined;

  const record = (findings: A11yFinding[]) => {
    for (const f of findings) {
      const key = `${f.state.split(" ")[0]} ${f.rule} ${f.targets.join(",")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(f);
    }
  };
  const failIfFound = () => {
    if (found.length > 0) throw new AccessibilityError(found.splice(0, found.length));
  };

  // One axe run at a time on a page (axe refuses to run twice at once). A check interrupted by the next
  // navigation is dropped: the page it was looking at is gone, and the new one gets its own check.
  const run = (state: string): Promise<A11yFinding[]> => {
    const result = chain.then(async () => {
      for (let attempt = 0; ; attempt++) {
        if (page.isClosed()) return [];
        try {
          return await axeFindings(page, state);
        } catch (err) {
          if (page.isClosed() || isGone(err)) return [];
          if (attempt >= 2) throw err;
        }
      }
    });
    chain = result.then(
      () => {},
      () => {},
    );
    return result;
  };

  // Navigations while a check runs ask for one more check afterwards, so the page the journey ends up on is
  // always looked at.
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    navigated = true;
    watching ??= (async () => {
      while (navigated) {
        navigated = false;
        try {
          record(await run("after navigation"));
        } catch (err) {
          record([{ state: page.url(), rule: "axe-run-failed", impact: "serious", help: String(err), helpUrl: "", targets: [], html: "" }]);
        }
      }
      watching = undefined;
    })();
  });

  return {
    async check(state) {
      record(await run(state));
      failIfFound();
    },
    async assertClean() {
      await watching;
      if (!page.isClosed()) record(await run("when the journey ended"));
      failIfFound();
    },
  };
}
