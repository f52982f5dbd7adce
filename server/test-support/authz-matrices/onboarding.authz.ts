import { randomUUID } from "node:crypto";
import { all, type Entry, programAStaff } from "../authz";

const intake = {
  skills: ["TypeScript"],
  goals: "Grow",
  availability: [{ weekday: 1, start: "18:00", end: "20:00" }],
  communication: ["video"],
};

export const onboardingAuthz: Record<string, Entry> = {
  // Members fill their own intake; staff and outsiders have no mentor or mentee membership in program A.
  "onboarding.myIntake": { input: (f) => ({ programId: f.programA }), expect: { ...all("denied"), mentee: "ok", mentor: "ok" } },
  "onboarding.saveIntake": {
    input: (f, actor) => ({ programId: f.programA, role: actor === "mentor" ? "mentor" : "mentee", capacity: 2, ...intake }),
    expect: { ...all("denied"), mentee: "ok", mentor: "ok" },
  },
  "onboarding.myChecklist": { input: (f) => ({ programId: f.programA }), expect: { ...all("denied"), mentor: "ok" } },
  // Program A asks for no code of conduct and no training: the mentor reaches the service and is told so.
  "onboarding.acknowledgeCodeOfConduct": {
    input: (f) => ({ programId: f.programA, version: 1 }),
    expect: { ...all("denied"), mentor: "CONFLICT" },
  },
  "onboarding.markTrainingDone": { input: (f) => ({ programId: f.programA }), expect: { ...all("denied"), mentor: "CONFLICT" } },
  "onboarding.removeDocument": { input: (f) => ({ programId: f.programA, documentId: randomUUID() }), expect: all("denied") },
  "onboarding.checklistConfig": { input: (f) => ({ programId: f.programA }), expect: programAStaff },
  "onboarding.setChecklist": {
    input: (f) => ({ programId: f.programA, codeOfConduct: false, documents: [], trainingUrl: null, backgroundCheck: false }),
    expect: programAStaff,
  },
  "onboarding.publishCodeOfConduct": {
    input: (f) => ({ programId: f.programA, body: `Be kind and respectful to everyone. ${randomUUID()}` }),
    expect: programAStaff,
  },
  "onboarding.reviewQueue": { input: (f) => ({ programId: f.programA }), expect: programAStaff },
  "onboarding.review": {
    input: (f) => ({
      programId: f.programA,
      items: [{ membershipId: f.mentorMembershipInA, step: "background_check" }],
      outcome: "approved",
    }),
    expect: { ...all("denied"), coordinator: "CONFLICT", admin: "CONFLICT" },
  },
};
