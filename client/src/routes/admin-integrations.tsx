import { Show } from "solid-js";
import { Alert } from "../components/ui/alert";
import { PageHeader } from "../components/ui/page-header";
import { Integrations } from "../features/admin/integrations";
import { usePageTitle } from "../lib/title";
import { AdminNav } from "./admin-nav";
import { useSignedInMe } from "./me-context";

export default function AdminIntegrationsPage() {
  const me = useSignedInMe();
  usePageTitle(() => "Integrations");
  return (
    <>
      <AdminNav />
      <PageHeader title="Integrations" description="The outside services the platform uses, whether they work, and a test send." />
      <Show when={me().isPlatformAdmin} fallback={<Alert tone="error">Only platform administrators can see the integrations.</Alert>}>
        <Integrations />
      </Show>
    </>
  );
}
