import { z } from "zod";
import { authedProcedure, type Context, programRoleProcedure, router } from "../../trpc";
import { notifyDepsOf } from "../notification/outbox.service";
import {
  addNeverPairInput,
  auditInput,
  changeStatusInput,
  createManualInput,
  decideSuggestionsInput,
  matchIdInput,
  pairInput,
  programIdInput,
  rematchInput,
  removeNeverPairInput,
} from "./match.schema";
import { auditOutput, changeStatus, getMatch, matchPageOutput, myMatches, myMatchOutput, programAudit, rematch } from "./match.service";
import type { Deps } from "./match-access.service";
import { boardOutput, loadBoard } from "./match-board.service";
import {
  addNeverPair,
  addRuleOutput,
  createManualMatch,
  listNeverPairs,
  previewOutput,
  previewPair,
  removeNeverPair,
  ruleOutput,
} from "./match-manual.service";
import {
  decideOutput,
  decideSuggestions,
  generateOutput,
  generateSuggestions,
  listSuggestions,
  suggestionOutput,
} from "./match-suggestion.service";

const deps = (ctx: Context): Deps => ({ db: ctx.db, ...notifyDepsOf(ctx) });
const ok = z.object({ ok: z.literal(true) });
const matchRef = z.object({ matchId: z.string() });

/** Board, suggestions, manual matching, rules and the audit log are for program staff (coordinators, admins). */
const staff = programRoleProcedure("coordinator");

export const matchRouter = router({
  board: staff
    .input(programIdInput)
    .output(boardOutput)
    .query(({ ctx, input }) => loadBoard(deps(ctx), input.programId)),

  suggestions: staff
    .input(programIdInput)
    .output(z.array(suggestionOutput))
    .query(({ ctx, input }) => listSuggestions(deps(ctx), input.programId)),

  generateSuggestions: staff
    .input(programIdInput)
    .output(generateOutput)
    .mutation(({ ctx, input }) => generateSuggestions(deps(ctx), ctx.user, input.programId)),

  decideSuggestions: staff
    .input(decideSuggestionsInput)
    .output(decideOutput)
    .mutation(({ ctx, input }) => decideSuggestions(deps(ctx), ctx.user, input)),

  previewPair: staff
    .input(pairInput)
    .output(previewOutput)
    .query(({ ctx, input }) => previewPair(ctx.db, ctx.clock.now(), input)),

  createManual: staff
    .input(createManualInput)
    .output(matchRef)
    .mutation(({ ctx, input }) => createManualMatch(deps(ctx), ctx.user, input)),

  neverPairs: staff
    .input(programIdInput)
    .output(z.array(ruleOutput))
    .query(({ ctx, input }) => listNeverPairs(ctx.db, input.programId)),

  addNeverPair: staff
    .input(addNeverPairInput)
    .output(addRuleOutput)
    .mutation(({ ctx, input }) => addNeverPair(deps(ctx), ctx.user, input)),

  removeNeverPair: staff
    .input(removeNeverPairInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await removeNeverPair(deps(ctx), ctx.user, input.programId, input.ruleId);
      return { ok: true as const };
    }),

  audit: staff
    .input(auditInput)
    .output(auditOutput)
    .query(({ ctx, input }) => programAudit(deps(ctx), ctx.user, input)),

  /** The two people of the match and the program's staff; anyone else gets NOT_FOUND. */
  get: authedProcedure
    .input(matchIdInput)
    .output(matchPageOutput)
    .query(({ ctx, input }) => getMatch(deps(ctx), ctx.user, input.matchId)),

  /** The caller's own matches in a program (the "Your match" card). */
  mine: programRoleProcedure("mentor", "mentee", "coordinator")
    .input(programIdInput)
    .output(z.array(myMatchOutput))
    .query(({ ctx, input }) => myMatches(deps(ctx), ctx.user, input.programId)),

  /** Staff: any allowed transition. The mentor or mentee: complete or end their own match, with a reason. */
  changeStatus: authedProcedure
    .input(changeStatusInput)
    .output(z.object({ matchId: z.string(), status: z.string() }))
    .mutation(({ ctx, input }) => changeStatus(deps(ctx), ctx.user, input)),

  rematch: authedProcedure
    .input(rematchInput)
    .output(matchRef)
    .mutation(({ ctx, input }) => rematch(deps(ctx), ctx.user, input)),
});
