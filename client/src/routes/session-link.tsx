import { useParams, useSearchParams } from "@solidjs/router";
import { AuthLayout } from "../components/layout/auth-layout";
import { type LinkAction, SessionLinkPanel } from "../features/session-link/session-link-panel";
import { firstParam } from "../lib/params";

/** The page behind the Reschedule and Cancel links of a session email: works without signing in. */
export default function SessionLinkPage() {
  const params = useParams<{ token: string }>();
  const [search] = useSearchParams();
  const action = (): LinkAction => (firstParam(search.action) === "cancel" ? "cancel" : "reschedule");
  return (
    <AuthLayout title="Your mentoring session" wide>
      <SessionLinkPanel token={params.token} action={action()} />
    </AuthLayout>
  );
}
