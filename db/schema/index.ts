// Entry point for drizzle-kit and the typed db client; application code imports the domain file it needs.
export * from "./matching";
export * from "./notifications";
export * from "./programs";
export * from "./scheduling";
export * from "./users";
