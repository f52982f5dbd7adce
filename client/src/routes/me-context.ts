import { type Accessor, createContext, useContext } from "solid-js";
import type { Me } from "../lib/session";

/** The signed-in person, provided by the signed-in layout to the pages under it. */
export const MeContext = createContext<Accessor<Me>>();

export function useSignedInMe(): Accessor<Me> {
  const me = useContext(MeContext);
  if (!me) throw new Error("useSignedInMe is only available under the signed-in layout");
  return me;
}
