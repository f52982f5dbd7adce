import { AuthLayout } from "../components/layout/auth-layout";
import { CheckEmailPanel } from "../features/auth/check-email";
import { useMe, useProviders } from "../lib/session";

export default function CheckEmailPage() {
  const me = useMe();
  const providers = useProviders();
  return (
    <AuthLayout title="Check your email">
      <CheckEmailPanel email={me.data?.email} devMailbox={providers.data?.devMailbox === true} />
    </AuthLayout>
  );
}
