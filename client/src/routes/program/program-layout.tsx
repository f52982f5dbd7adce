import { A, type RouteSectionProps, useParams } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { createMemo, For, Match, Show, Switch } from "solid-js";
import { Alert } from "../../components/ui/alert";
import { Badge } from "../../components/ui/badge";
import { PageHeader } from "../../components/ui/page-header";
import { ScrollNav } from "../../components/ui/scroll-nav";
import { LoadingBlock } from "../../components/ui/spinner";
import { programQueries, roleLabels, statusLabels } from "../../features/programs/queries";
import { errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../lib/title";
import { useSignedInMe } from "../me-context";
import { ProgramContext, type ProgramView } from "./program-context";

type Tab = { href: string; label: string; show: (v: ProgramView) => boolean };

// One list of the program's pages: each tab shows only to the people it is for.
const tabs: Tab[] = [
  { href: "", label: "Overview", show: () => true },
  { href: "/onboarding", label: "Get started", show: (v) => v.isMentor || v.isMentee },
  { href: "/mentors", label: "Find a mentor", show: (v) => v.isMentee },
  { href: "/requests", label: "Requests", show: (v) => v.isMentor || v.isMentee },
  { href: "/office-hours", label: "Office hours", show: (v) => v.isMentor || v.isMentee || v.isStaff },
  { href: "/board", label: "Board", show: (v) => v.isStaff },
  { href: "/sessions", label: "Sessions", show: (v) => v.isStaff },
  { href: "/members", label: "Members", show: (v) => v.isStaff },
  { href: "/reviews", label: "Reviews", show: (v) => v.isStaff },
  { href: "/cohort", label: "Cohort matching", show: (v) => v.isStaff },
  { href: "/settings", label: "Settings", show: (v) => v.isStaff },
  { href: "/templates", label: "Message templates", show: (v) => v.isStaff },
];

/** The frame of every program page: the program's name, status, the viewer's roles and the tabs. */
export default function ProgramLayout(props: RouteSectionProps) {
  const params = useParams<{ programId: string }>();
  const me = useSignedInMe();
  const program = createQuery(() => programQueries.get(params.programId));
  usePageTitle(() => program.data?.name ?? "Program");
  const view = createMemo<ProgramView | undefined>(() => {
    const p = program.data;
    if (!p) return undefined;
    return {
      program: p,
      isStaff: me().isPlatformAdmin || p.myRoles.includes("coordinator"),
      isMentor: p.myRoles.includes("mentor"),
      isMentee: p.myRoles.includes("mentee"),
    };
  });

  return (
    <Switch>
      <Match when={program.isPending}>
        <PageHeader title="Program" />
        <LoadingBlock />
      </Match>
      <Match when={program.isError && !program.data}>
        <PageHeader title="Program not available" />
        <Alert tone="error">{errorMessage(program.error)}</Alert>
      </Match>
      <Match when={view()}>
        {(v) => (
          <ProgramContext.Provider value={v}>
            <PageHeader
              title={v().program.name}
              description={
                <span class="inline-flex flex-wrap items-center gap-2">
                  <Badge tone={v().program.status === "active" ? "green" : "amber"}>{statusLabels[v().program.status]}</Badge>
                  <For each={v().program.myRoles}>{(r) => <Badge tone="indigo">You are a {roleLabels[r].toLowerCase()}</Badge>}</For>
                </span>
              }
            />
            <ScrollNav label="Program pages" class="-mt-2 mb-6 border-b border-slate-200">
              <For each={tabs.filter((t) => t.show(v()))}>
                {(t) => (
                  <li>
                    <A
                      href={`/programs/${v().program.id}${t.href}`}
                      end
                      class="-mb-px inline-block border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
                      activeClass="!border-indigo-600 !text-indigo-700"
                    >
                      {t.label}
                    </A>
                  </li>
                )}
              </For>
            </ScrollNav>
            <Show when={v().program.id === params.programId}>{props.children}</Show>
          </ProgramContext.Provider>
        )}
      </Match>
    </Switch>
  );
}
