import { Show } from "solid-js";
import { Alert } from "../components/ui/alert";
import { PageHeader } from "../components/ui/page-header";
import { DeliveryLog } from "../features/admin/delivery-log";
import { usePageTitle } from "../lib/title";
import { AdminNav } from "./admin-nav";
import { useSignedInMe } from "./me-context";

export default function AdminDeliveriesPage() {
  const me = useSignedInMe();
  usePageTitle(() => "Delivery log");
  return (
    <>
      <AdminNav />
      <PageHeader title="Delivery log" description="Every email, text message and notification the outbox handled. Updates live." />
      <Show when={me().isPlatformAdmin} fallback={<Alert tone="error">Only platform administrators can see the delivery log.</Alert>}>
        <DeliveryLog />
      </Show>
    </>
  );
}
