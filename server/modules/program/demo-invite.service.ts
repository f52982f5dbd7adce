/**
 * The demo program's invite code, for the pages a newcomer lands on before joining anything: shown only while the
 * seeded demo program is active and still takes the seeded code (a coordinator who regenerates it hides it again).
 */
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { programs } from "../../../db/schema/programs";
import { demoInviteCode, demoProgramSlug } from "../../../db/seed/seed";
import type { demoInviteOutput } from "./program.schema";

/** "DEMO2027" as people type it from the README: "DEMO-2027". */
export const formatInviteCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code);

export async function demoInvite(deps: { db: DbOrTx }): Promise<z.infer<typeof demoInviteOutput>> {
  const [p] = await deps.db
    .select({ name: programs.name })
    .from(programs)
    .where(
      and(
        eq(programs.slug, demoProgramSlug),
        eq(programs.inviteCode, demoInviteCode),
        eq(programs.joinMode, "invite_code"),
        eq(programs.status, "active"),
      ),
    );
  return p ? { programName: p.name, code: formatInviteCode(demoInviteCode) } : null;
}
