import { randomUUID } from "node:crypto";
import { adminOnly, type Entry, programAMembers, programAStaff, signedIn } from "../../test-support/authz";

export const programAuthz: Record<string, Entry> = {
  "program.list": { expect: signedIn() },
  "program.get": { input: (f) => ({ programId: f.programA }), expect: programAMembers },
  "program.members": { input: (f) => ({ programId: f.programA }), expect: programAStaff },
  "program.create": {
    input: () => ({ name: "Walk program", slug: `walk-${randomUUID().slice(0, 8)}` }),
    expect: adminOnly,
  },
  "program.update": { input: (f) => ({ programId: f.programA, description: "Updated" }), expect: adminOnly },
  "program.addMember": {
    input: async (f) => ({ programId: f.programA, email: (await f.freshUser()).email, role: "mentee" }),
    expect: programAStaff,
  },
  "program.setMemberStatus": {
    input: (f) => ({ programId: f.programA, membershipId: f.membershipInA, status: "active" }),
    expect: programAStaff,
  },
};
