import { Show } from "solid-js";
import { Alert } from "../components/ui/alert";
import { PageHeader } from "../components/ui/page-header";
import { TemplatesWorkspace } from "../features/templates/templates-workspace";
import { usePageTitle } from "../lib/title";
import { AdminNav } from "./admin-nav";
import { useSignedInMe } from "./me-context";

export default function AdminTemplatesPage() {
  const me = useSignedInMe();
  usePageTitle(() => "Message templates");
  return (
    <>
      <AdminNav />
      <PageHeader
        title="Message templates"
        description="The wording of every notification, per channel, for the whole platform. Programs can override them."
      />
      <Show
        when={me().isPlatformAdmin}
        fallback={<Alert tone="error">Only platform administrators can edit the platform templates.</Alert>}
      >
        <TemplatesWorkspace scope="platform" />
      </Show>
    </>
  );
}
