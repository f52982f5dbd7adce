/**
 * The layering docs/architecture.md ("Module boundaries") promises, read from the source tree without building it:
 * - a module imports another module only through its public files (below);
 * - db/ never imports server/ (one composition root excepted);
 * - nothing the app loads is test-only, and no production file imports server/test-support;
 * - the client imports from server/ only the shared schemas and a short list of pure files.
 * Each rule is a small function, and the first tests show that it refuses what it should, so a rule that stopped
 * matching anything would be noticed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Public files of a module, for other modules: its services (`*.service.ts`), its zod shapes (`*.schema.ts`), its
 * plain types (`*.types.ts`) and its hooks for other modules (`*.hooks.ts`, calendar-sync's).
 */
const PUBLIC_SUFFIXES = [".service.ts", ".schema.ts", ".types.ts", ".hooks.ts"];
/** The matching module is the pure matching core (skills, availability, score, constraints, suggest, cohort): a library for the others. */
const LIBRARY_MODULES = new Set(["matching"]);
/** Pure files (no database, no side effects) that other modules use as they are, each with its reason. */
const SHARED_PURE_FILES = new Map([
  ["server/modules/notification/catalogue.ts", "the closed list of notification types and their channels"],
  ["server/modules/notification/quiet-hours.ts", "formatInstant: the one way an instant is written in a person's zone"],
  ["server/modules/scheduling/slot-display.ts", "how a slot is written for people, also in session links"],
  ["server/modules/session-link/session-link-token.ts", "signing the one-click links that session emails carry"],
]);

/** What client/src may import from server/: the shared schemas, these pure files, and these types. */
const CLIENT_PURE_FILES = new Map([
  ["server/modules/auth/password-strength.ts", "the password-strength rule the sign-up form shows as you type"],
  ["server/modules/matching/score-reasons.ts", "score reasons worded for the reader"],
  ["server/modules/notification/catalogue.ts", "notification types and their labels"],
]);
const CLIENT_TYPE_ONLY_FILES = new Map([
  ["server/router.ts", "AppRouter, the type behind RouterInputs and RouterOutputs"],
  ["server/realtime/events.ts", "the typed socket.io event map"],
]);

type Import = { from: string; to: string; typeOnly: boolean };

function isTestCode(file: string): boolean {
  return (
    /\.(test|e2e)\.tsx?$/.test(file) || file.startsWith("server/test-support/") || file.startsWith("e2e/") || file.startsWith("bench/")
  );
}

function moduleBoundaryViolation({ from, to }: Import): string | null {
  const a = /^server\/modules\/([^/]+)\//.exec(from)?.[1];
  const b = /^server\/modules\/([^/]+)\//.exec(to)?.[1];
  if (!a || !b || a === b || isTestCode(from)) return null;
  if (PUBLIC_SUFFIXES.some((s) => to.endsWith(s)) || LIBRARY_MODULES.has(b) || SHARED_PURE_FILES.has(to)) return null;
  return `${from} imports ${to}, which is internal to the ${b} module`;
}

function dbViolation({ from, to }: Import): string | null {
  if (!from.startsWith("db/") || !to.startsWith("server/")) return null;
  return `${from} imports ${to}: db/ must not import server/`;
}

function testSupportViolation({ from, to }: Import): string | null {
  if (isTestCode(from) || !isTestCode(to)) return null;
  return `${from} (production code) imports ${to} (test code)`;
}

function clientViolation({ from, to, typeOnly }: Import): string | null {
  if (!from.startsWith("client/src/") || !to.startsWith("server/")) return null;
  if (/^server\/modules\/[^/]+\/[^/]+\.schema\.ts$/.test(to) || CLIENT_PURE_FILES.has(to)) return null;
  if (typeOnly && CLIENT_TYPE_ONLY_FILES.has(to)) return null;
  return `${from} imports ${to}: the client may import only *.schema.ts and the listed pure files from server/`;
}

// ---------------------------------------------------------------- reading the tree

const importPattern =
  /(?:^|[;\n])\s*(import|export)\s+(type\s+)?[^'";]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s+["']([^"']+)["']/g;

function sourceFiles(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "migrations" ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

function resolveFile(relBase: string): string | null {
  for (const candidate of [relBase, `${relBase}.ts`, `${relBase}.tsx`, `${relBase}/index.ts`]) {
    const abs = path.join(root, candidate);
    if (existsSync(abs) && statSync(abs).isFile()) return candidate;
  }
  return null;
}

/** Local imports of a file, resolved to repo paths; packages are returned by name. */
function importsOf(file: string): { local: Import[]; packages: { name: string; typeOnly: boolean }[] } {
  const source = readFileSync(path.join(root, file), "utf8");
  const local: Import[] = [];
  const packages: { name: string; typeOnly: boolean }[] = [];
  for (const m of source.matchAll(importPattern)) {
    const spec = (m[3] ?? m[4] ?? m[5]) as string;
    const typeOnly = m[2] !== undefined;
    let target: string | null = null;
    if (spec.startsWith(".")) target = resolveFile(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
    else if (spec.startsWith("@shared/") && file.startsWith("client/")) target = resolveFile(`server/${spec.slice("@shared/".length)}`);
    else {
      const parts = spec.split("/");
      packages.push({ name: spec.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string), typeOnly });
      continue;
    }
    if (target === null) throw new Error(`${file}: cannot resolve "${spec}"`);
    local.push({ from: file, to: target, typeOnly });
  }
  return { local, packages };
}

const files = ["server", "db", "client/src", "bench", "e2e"].flatMap(sourceFiles);
const allImports = files.flatMap((f) => importsOf(f).local);
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Every file the process loads from `entry` (static and dynamic imports, type-only ones left out). */
function loadedFrom(entry: string) {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const f = queue.pop() as string;
    if (seen.has(f)) continue;
    seen.add(f);
    const { local, packages: pkgs } = importsOf(f);
    for (const i of local) if (!i.typeOnly) queue.push(i.to);
    for (const p of pkgs) if (!p.typeOnly && !p.name.startsWith("node:") && !packages.has(p.name)) packages.set(p.name, f);
  }
  return { files: [...seen], packages };
}

// ---------------------------------------------------------------- the rules refuse what they should

describe("the architecture rules", () => {
  it("refuse a module reaching into another module's internals, and allow its services and schemas", () => {
    const from = "server/modules/request/request.service.ts";
    expect(moduleBoundaryViolation({ from, to: "server/modules/scheduling/intervals.ts", typeOnly: false })).toMatch(/internal/);
    expect(moduleBoundaryViolation({ from, to: "server/modules/program/program.service.ts", typeOnly: false })).toBeNull();
    expect(moduleBoundaryViolation({ from, to: "server/modules/program/program.schema.ts", typeOnly: true })).toBeNull();
    expect(moduleBoundaryViolation({ from, to: "server/modules/request/request-views.ts", typeOnly: false })).toBeNull();
  });

  it("refuse db/ importing server/, production code importing test code, and the client importing a service", () => {
    expect(dbViolation({ from: "db/schema/users.ts", to: "server/clock.ts", typeOnly: true })).toMatch(/db\/ must not/);
    expect(testSupportViolation({ from: "server/app.ts", to: "server/test-support/factories.ts", typeOnly: false })).toMatch(/test code/);
    expect(testSupportViolation({ from: "server/app.test.ts", to: "server/test-support/factories.ts", typeOnly: false })).toBeNull();
    const client = "client/src/features/program/queries.ts";
    expect(clientViolation({ from: client, to: "server/modules/program/program.service.ts", typeOnly: false })).toMatch(/only/);
    expect(clientViolation({ from: client, to: "server/router.ts", typeOnly: false })).toMatch(/only/);
    expect(clientViolation({ from: client, to: "server/router.ts", typeOnly: true })).toBeNull();
  });
});

// ---------------------------------------------------------------- the tree keeps them

describe("the source tree", () => {
  it("has imports to check", () => {
    expect(files.length).toBeGreaterThan(300);
    expect(allImports.filter((i) => i.to.startsWith("server/modules/") && i.from.startsWith("client/src/")).length).toBeGreaterThan(30);
  });

  it("modules import each other only through services, schemas, types, hooks and the listed pure files", () => {
    expect(allImports.map(moduleBoundaryViolation).filter(Boolean)).toEqual([]);
  });

  it("db/ does not import server/", () => {
    expect(allImports.map(dbViolation).filter(Boolean)).toEqual([]);
  });

  it("no production file imports test code", () => {
    expect(allImports.map(testSupportViolation).filter(Boolean)).toEqual([]);
  });

  it("the client imports only the shared schemas and the listed pure files from server/", () => {
    expect(allImports.map(clientViolation).filter(Boolean)).toEqual([]);
  });

  it("what npm start, npm run worker and npm run seed load holds no test code and no dev dependency", () => {
    const entries = Object.values(pkg.scripts).flatMap((s) => [...s.matchAll(/\btsx (?:watch )?(\S+\.ts)\b/g)].map((m) => m[1] as string));
    for (const entry of ["server/main.ts", "server/worker/worker-main.ts", "server/seed-main.ts"]) expect(entries).toContain(entry);
    for (const entry of entries.filter((e) => !isTestCode(e))) {
      const loaded = loadedFrom(entry);
      expect(loaded.files.length, entry).toBeGreaterThan(0);
      expect(loaded.files.filter(isTestCode), entry).toEqual([]);
      const dev = [...loaded.packages].filter(([name]) => name in pkg.devDependencies).map(([name, by]) => `${name} (imported by ${by})`);
      expect(dev, entry).toEqual([]);
    }
  });
});
