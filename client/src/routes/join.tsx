import { useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { PageHeader } from "../components/ui/page-header";
import { JoinByCodeOrBrowse, JoinByLink } from "../features/programs/join-program";
import { usePageTitle } from "../lib/title";

/** /join: enter an invite code or browse open programs. /join/<token>: the program behind an invite link. */
export default function JoinPage() {
  const params = useParams<{ token?: string }>();
  usePageTitle(() => "Join a program");
  return (
    <>
      <PageHeader title="Join a program" description="Choose whether you join as a mentor or a mentee." />
      <Show when={params.token} keyed fallback={<JoinByCodeOrBrowse />}>
        {(token) => <JoinByLink token={token} />}
      </Show>
    </>
  );
}
