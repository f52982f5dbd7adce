import { type Entry, signedIn } from "../authz";

export const nextStepAuthz: Record<string, Entry> = {
  // Anyone signed in reads their own steps; another program's id just gives nothing (asserted in next-step.test.ts).
  "nextStep.mine": { input: (f) => ({ programId: f.programA }), expect: signedIn() },
};
