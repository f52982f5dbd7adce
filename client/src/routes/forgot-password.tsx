import { A } from "@solidjs/router";
import { AuthLayout } from "../components/layout/auth-layout";
import { ForgotPasswordForm } from "../features/auth/forgot-password-form";
import { useProviders } from "../lib/session";

export default function ForgotPasswordPage() {
  const providers = useProviders();
  return (
    <AuthLayout
      title="Reset your password"
      subtitle="Enter the email address of your account and we will send you a link to choose a new password."
      footer={
        <A href="/sign-in" class="font-medium text-indigo-700 hover:underline">
          Back to sign in
        </A>
      }
    >
      <ForgotPasswordForm devMailbox={providers.data?.devMailbox === true} />
    </AuthLayout>
  );
}
