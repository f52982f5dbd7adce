import { CoordinatorBoard } from "../../features/board/coordinator-board";
import { usePageTitle } from "../../lib/title";
import { useProgramView } from "./program-context";

/** The Board tab: the program's coordinators' live view of requests, suggestions and matches. */
export default function ProgramBoard() {
  const view = useProgramView();
  usePageTitle(() => `Board · ${view().program.name}`);
  return <CoordinatorBoard programId={view().program.id} />;
}
