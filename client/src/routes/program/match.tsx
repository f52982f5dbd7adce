import { useParams } from "@solidjs/router";
import { MatchDetail } from "../../features/board/match-detail";
import { BookSessionLink } from "../../features/booking/book-session-link";
import { usePageTitle } from "../../lib/title";
import { useProgramView } from "./program-context";

/** /programs/:programId/matches/:matchId: one match for its two people and the program's staff. */
export default function ProgramMatch() {
  const params = useParams<{ matchId: string }>();
  const view = useProgramView();
  usePageTitle(() => `Match · ${view().program.name}`);
  return (
    <>
      <BookSessionLink matchId={params.matchId} />
      <MatchDetail programId={view().program.id} matchId={params.matchId} />
    </>
  );
}
