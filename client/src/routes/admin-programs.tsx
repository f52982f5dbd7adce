import { Show } from "solid-js";
import { Alert } from "../components/ui/alert";
import { PageHeader } from "../components/ui/page-header";
import { CreateProgramForm, ProgramsAdminList } from "../features/programs/admin-programs";
import { usePageTitle } from "../lib/title";
import { AdminNav } from "./admin-nav";
import { useSignedInMe } from "./me-context";

export default function AdminProgramsPage() {
  const me = useSignedInMe();
  usePageTitle(() => "Programs");
  return (
    <>
      <AdminNav />
      <PageHeader
        title="Programs"
        description="Create, duplicate and archive programs. Appoint coordinators on each program's Members tab."
      />
      <Show when={me().isPlatformAdmin} fallback={<Alert tone="error">Only platform administrators manage programs.</Alert>}>
        <div class="grid items-start gap-6 lg:grid-cols-5">
          <div class="lg:col-span-3">
            <ProgramsAdminList />
          </div>
          <div class="lg:col-span-2">
            <CreateProgramForm />
          </div>
        </div>
      </Show>
    </>
  );
}
