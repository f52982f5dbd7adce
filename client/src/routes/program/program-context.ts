import { type Accessor, createContext, useContext } from "solid-js";
import type { Program } from "../../features/programs/queries";

export type ProgramView = {
  program: Program;
  /** Platform admin or an active coordinator of this program. */
  isStaff: boolean;
  isMentor: boolean;
  isMentee: boolean;
};

/** The program shown by the program layout, for the tab pages under it. */
export const ProgramContext = createContext<Accessor<ProgramView>>();

export function useProgramView(): Accessor<ProgramView> {
  const view = useContext(ProgramContext);
  if (!view) throw new Error("useProgramView is only available under the program layout");
  return view;
}
