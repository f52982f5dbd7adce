import { Show } from "solid-js";
import { Alert } from "../components/ui/alert";
import { PageHeader } from "../components/ui/page-header";
import { UsersAdmin } from "../features/admin/users-admin";
import { usePageTitle } from "../lib/title";
import { AdminNav } from "./admin-nav";
import { useSignedInMe } from "./me-context";

export default function AdminUsersPage() {
  const me = useSignedInMe();
  usePageTitle(() => "Users");
  return (
    <>
      <AdminNav />
      <PageHeader title="Users" description="Find people, suspend or reactivate accounts, and grant administrator rights." />
      <Show when={me().isPlatformAdmin} fallback={<Alert tone="error">Only platform administrators can manage users.</Alert>}>
        <UsersAdmin currentUserId={me().id} />
      </Show>
    </>
  );
}
