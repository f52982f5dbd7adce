/**
 * The browser bundle must not carry Drizzle or the table and column names (password_hash...): the client may reach
 * db/schema only through the drizzle-free value lists (enums.ts, channels.ts). This walks the client's static and
 * dynamic import graph from its entry, the way the bundler would, without building it.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const allowedSchemaFiles = new Set(["db/schema/enums.ts", "db/schema/channels.ts"]);
const importPattern = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g;

function resolveLocal(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function clientImportGraph(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const parents = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.tsx?$/.test(file)) continue;
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(importPattern)) {
      // Type-only imports are erased by the compiler and never reach the bundle.
      if (/^(?:import|export)\s+type\s/.test(m[0])) continue;
      const spec = (m[1] ?? m[2] ?? m[3]) as string;
      if (spec.startsWith(".")) {
        const resolved = resolveLocal(file, spec);
        if (resolved) {
          queue.push(resolved);
          if (!parents.has(resolved)) parents.set(resolved, file);
        }
      } else if (spec.startsWith("@shared/") || spec.startsWith("~/")) {
        // A path alias for the shared schemas, if one is configured: resolve it against the repo's server folder.
        const resolved = resolveLocal(path.join(root, "server", "x.ts"), `./${spec.slice(spec.indexOf("/") + 1)}`);
        if (resolved) queue.push(resolved);
      } else {
        packages.add(spec);
      }
    }
  }
  /** The import chain from the entry to a file, for a readable failure. */
  const chain = (rel: string) => {
    const out = [rel];
    for (let f = parents.get(path.join(root, rel)); f; f = parents.get(f)) out.unshift(path.relative(root, f));
    return out.join(" -> ");
  };
  return { files: [...files].map((f) => path.relative(root, f)), packages: [...packages], chain };
}

describe("the client bundle's imports", () => {
  const graph = clientImportGraph(path.join(root, "client/src/main.tsx"));

  it("reaches the shared schemas but no Drizzle table file and no drizzle-orm", () => {
    expect(graph.files.length).toBeGreaterThan(50);
    expect(graph.files).toContain("db/schema/enums.ts");
    expect(graph.files.filter((f) => f.startsWith("db/") && !allowedSchemaFiles.has(f)).map(graph.chain)).toEqual([]);
    expect(graph.packages.filter((p) => p.startsWith("drizzle-orm") || p.startsWith("postgres") || p.startsWith("@electric-sql"))).toEqual(
      [],
    );
  });

  it("the allowed schema files import nothing", () => {
    for (const f of allowedSchemaFiles) {
      expect(readFileSync(path.join(root, f), "utf8")).not.toMatch(/^\s*import\s/m);
    }
  });
});
