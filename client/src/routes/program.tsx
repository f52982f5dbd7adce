import { A, useParams } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { For, Match, Show, Switch } from "solid-js";
import { Alert } from "../components/ui/alert";
import { Badge } from "../components/ui/badge";
import { buttonClass } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { PageHeader } from "../components/ui/page-header";
import { LoadingBlock } from "../components/ui/spinner";
import { AddMemberForm, MemberList, ProgramSummary } from "../features/programs/program-detail";
import { programQueries, roleLabels, statusLabels } from "../features/programs/queries";
import { errorMessage } from "../lib/errors";
import { usePageTitle } from "../lib/title";
import { useSignedInMe } from "./me-context";

export default function ProgramPage() {
  const params = useParams<{ programId: string }>();
  const me = useSignedInMe();
  const program = createQuery(() => programQueries.get(params.programId));
  usePageTitle(() => program.data?.name ?? "Program");
  const canManage = () => me().isPlatformAdmin || (program.data?.myRoles.includes("coordinator") ?? false);

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
      <Match when={program.data}>
        {(p) => (
          <>
            <PageHeader
              title={p().name}
              description={
                <span class="inline-flex flex-wrap items-center gap-2">
                  <Badge tone={p().status === "active" ? "green" : "amber"}>{statusLabels[p().status]}</Badge>
                  <For each={p().myRoles}>{(r) => <Badge tone="indigo">You are a {roleLabels[r].toLowerCase()}</Badge>}</For>
                </span>
              }
            />
            <div class="grid items-start gap-6 lg:grid-cols-3">
              <div class="flex flex-col gap-6 lg:col-span-2">
                <ProgramSummary program={p()} />
                <Show when={canManage()}>
                  <MemberList programId={p().id} />
                </Show>
              </div>
              <Show when={canManage()}>
                <div class="flex flex-col gap-6">
                  <AddMemberForm programId={p().id} />
                  <Card title="Message templates" description="Word the notifications this program's members receive.">
                    <A href={`/programs/${p().id}/templates`} class={buttonClass("secondary", "sm")}>
                      Edit message templates
                    </A>
                  </Card>
                </div>
              </Show>
            </div>
          </>
        )}
      </Match>
    </Switch>
  );
}
