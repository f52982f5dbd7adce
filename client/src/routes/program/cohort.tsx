import { Alert } from "../../components/ui/alert";
import { CohortMatching } from "../../features/cohort/cohort-matching";
import { useProgramView } from "./program-context";

/** The program's cohort matching tab: coordinators and platform admins only. */
export default function CohortPage() {
  const view = useProgramView();
  return view().isStaff ? (
    <CohortMatching programId={view().program.id} />
  ) : (
    <Alert tone="info">Cohort matching is for the program's coordinators.</Alert>
  );
}
