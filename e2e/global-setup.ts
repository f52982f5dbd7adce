import { ensureClientBuilt } from "./support/server";

/** Builds the client once before the browser journeys (only when dist/client is missing or stale). */
export default function setup() {
  ensureClientBuilt();
}
