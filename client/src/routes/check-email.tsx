import { useLocation } from "@solidjs/router";
import { AuthLayout } from "../components/layout/auth-layout";
import { CheckEmailPanel } from "../features/auth/check-email";
import { useMe, useProviders } from "../lib/session";

export default function CheckEmailPage() {
  const me = useMe();
  const providers = useProviders();
  const location = useLocation<{ email?: string } | undefined>();
  // A sign-up with an address that already has an account creates no session, so the page names the address
  // the form sent: both answers look the same (the existing owner gets an "already have an account" mail).
  const email = () => me.data?.email ?? location.state?.email;
  return (
    <AuthLayout title="Check your email">
      <CheckEmailPanel email={email()} devMailbox={providers.data?.devMailbox === true} />
    </AuthLayout>
  );
}
