import { PageHeader } from "../components/ui/page-header";
import { DevMailbox } from "../features/dev-mailbox/mailbox";
import { usePageTitle } from "../lib/title";
import { AdaptiveFrame } from "./adaptive-frame";

export default function DevMailboxPage() {
  usePageTitle(() => "Dev mailbox");
  return (
    <AdaptiveFrame>
      <PageHeader
        title="Dev mailbox"
        description="Emails and text messages captured by the development mailer instead of being sent. Refreshes every 3 seconds."
      />
      <DevMailbox />
    </AdaptiveFrame>
  );
}
