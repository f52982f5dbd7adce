import { A, useParams } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { Match, Switch } from "solid-js";
import { Alert } from "../components/ui/alert";
import { PageHeader } from "../components/ui/page-header";
import { LoadingBlock } from "../components/ui/spinner";
import { programQueries } from "../features/programs/queries";
import { TemplatesWorkspace } from "../features/templates/templates-workspace";
import { errorMessage } from "../lib/errors";
import { usePageTitle } from "../lib/title";
import { useSignedInMe } from "./me-context";

/** A program's own wording of its notifications, for its coordinators (and platform admins). */
export default function ProgramTemplatesPage() {
  const params = useParams<{ programId: string }>();
  const me = useSignedInMe();
  const program = createQuery(() => programQueries.get(params.programId));
  usePageTitle(() => (program.data ? `Templates · ${program.data.name}` : "Program templates"));
  const canEdit = () => me().isPlatformAdmin || (program.data?.myRoles.includes("coordinator") ?? false);
  return (
    <Switch>
      <Match when={program.isPending}>
        <PageHeader title="Message templates" />
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
              title="Message templates"
              description={
                <>
                  <A href={`/programs/${p().id}`} class="font-medium text-indigo-700 hover:underline">
                    {p().name}
                  </A>{" "}
                  · Messages to this program's members use these wordings; the rest follow the platform templates.
                </>
              }
            />
            <Switch>
              <Match when={!canEdit()}>
                <Alert tone="error">Only this program's coordinators can edit its templates.</Alert>
              </Match>
              <Match when={canEdit()}>
                <TemplatesWorkspace scope={p().id} />
              </Match>
            </Switch>
          </>
        )}
      </Match>
    </Switch>
  );
}
