import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { programs } from "../../../db/schema/programs";
import { adminOnly, type Entry, programAMembers, programAStaff, signedIn } from "../authz";
import { enrol, makeProgram } from "../factories";

export const programAuthz: Record<string, Entry> = {
  "program.list": { expect: signedIn() },
  "program.demoInvite": { expect: signedIn() },
  "program.get": { input: (f) => ({ programId: f.programA }), expect: programAMembers },
  "program.members": { input: (f) => ({ programId: f.programA }), expect: programAStaff },
  "program.joinRequests": { input: (f) => ({ programId: f.programA }), expect: programAStaff },
  "program.directory": { expect: signedIn() },
  "program.create": {
    input: () => ({ name: "Walk program", slug: `walk-${randomUUID().slice(0, 8)}` }),
    expect: adminOnly,
  },
  // Program A's coordinator edits its settings; the other program's coordinator is refused.
  "program.update": { input: (f) => ({ programId: f.programA, description: "Updated" }), expect: programAStaff },
  "program.duplicate": {
    input: (f) => ({ programId: f.programA, name: "Walk copy", slug: `walk-copy-${randomUUID().slice(0, 8)}` }),
    expect: adminOnly,
  },
  // A program of its own each time, so the walk never archives program A.
  "program.archive": { input: async (f) => ({ programId: (await makeProgram(f.deps.db)).id }), expect: adminOnly },
  "program.unarchive": {
    input: async (f) => {
      const p = await makeProgram(f.deps.db);
      await f.deps.db.update(programs).set({ status: "archived" }).where(eq(programs.id, p.id));
      return { programId: p.id };
    },
    expect: adminOnly,
  },
  "program.regenerateInvite": { input: (f) => ({ programId: f.programA, kind: "code" }), expect: programAStaff },
  "program.addMember": {
    input: async (f) => ({ programId: f.programA, email: (await f.freshUser()).email, role: "mentee" }),
    expect: programAStaff,
  },
  "program.setMemberStatus": {
    input: (f) => ({ programId: f.programA, membershipId: f.membershipInA, status: "active" }),
    expect: programAStaff,
  },
  "program.decideMemberships": {
    input: async (f) => {
      const pending = await enrol(f.deps.db, f.programA, (await f.freshUser()).id, "mentee", "pending");
      return { programId: f.programA, membershipIds: [pending.id], decision: "approve" };
    },
    expect: programAStaff,
  },
  // Program A is open to anyone signed in, so everyone may look at it before joining.
  "program.joinPreview": { input: (f) => ({ programId: f.programA }), expect: signedIn() },
  "program.join": { input: async (f) => ({ programId: (await makeProgram(f.deps.db)).id, role: "mentee" }), expect: signedIn() },
};
