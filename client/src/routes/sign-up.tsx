import { A, useNavigate } from "@solidjs/router";
import { AuthLayout } from "../components/layout/auth-layout";
import { SignUpForm } from "../features/auth/sign-up-form";

export default function SignUpPage() {
  const navigate = useNavigate();
  return (
    <AuthLayout
      title="Create your account"
      subtitle="Join as a mentor, a mentee, or both. It takes about two minutes."
      footer={
        <>
          Already have an account?{" "}
          <A href="/sign-in" class="font-medium text-indigo-700 hover:underline">
            Sign in
          </A>
        </>
      }
    >
      <SignUpForm onSignedUp={(email) => navigate("/check-email", { replace: true, state: { email } })} />
    </AuthLayout>
  );
}
