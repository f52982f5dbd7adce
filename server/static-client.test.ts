/**
 * The built client as browsers get it: the precompressed copy for the encoding they accept, `Vary:
 * Accept-Encoding` so caches keep encodings apart, a year's cache for hashed assets, revalidation for index.html
 * and the SPA fallback, and the same security headers as every other response.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, createApp } from "./app";
import { buildDeps } from "./build-deps";
import { createTestClock } from "./clock";
import { loadConfig } from "./config";
import { silentLogger } from "./logger";
import { openTestDb } from "./test-support/test-db";

const script = `export const greeting = ${JSON.stringify("hello ".repeat(500))};\n`;
const page = `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body>${"<p>app</p>".repeat(200)}</body></html>`;

let app: AppServer;
let base: string;
let clientDir: string;
let close: () => Promise<void>;

beforeAll(async () => {
  clientDir = mkdtempSync(path.join(tmpdir(), "mis-client-"));
  mkdirSync(path.join(clientDir, "assets"));
  const write = (rel: string, text: string) => {
    writeFileSync(path.join(clientDir, rel), text);
    writeFileSync(path.join(clientDir, `${rel}.br`), brotliCompressSync(text));
    writeFileSync(path.join(clientDir, `${rel}.gz`), gzipSync(text));
  };
  write("index.html", page);
  write("assets/index-Ab12Cd34.js", script);
  const handle = await openTestDb();
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PORT: "0", UPLOAD_DIR: clientDir, PUBLIC_URL: "http://127.0.0.1:1" });
  app = await createApp(buildDeps(config, handle, createTestClock(new Date()), silentLogger), { clientDir });
  await new Promise<void>((r) => app.server.listen(0, "127.0.0.1", r));
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  base = `http://127.0.0.1:${port}`;
  close = async () => {
    await app.close();
    await handle.close();
  };
});
afterAll(async () => {
  await close?.();
  rmSync(clientDir, { recursive: true, force: true });
});

/** A raw GET (fetch would decode the body and hide what went over the wire). */
function get(pathname: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${pathname}`, { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serving the built client", () => {
  it("sends the brotli copy to a browser that accepts br, with Content-Encoding and Vary", async () => {
    const res = await get("/assets/index-Ab12Cd34.js", "gzip, deflate, br, zstd");
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers["content-type"]).toMatch(/javascript/);
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it("sends the gzip copy when only gzip is accepted", async () => {
    const res = await get("/assets/index-Ab12Cd34.js", "gzip");
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(res.body).toString()).toBe(script);
  });

  it("sends the file as it is when no encoding is accepted", async () => {
    const res = await get("/assets/index-Ab12Cd34.js");
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.body.toString()).toBe(script);
  });

  it("lets browsers keep hashed assets for a year, with nosniff but without the document-only policies", async () => {
    const res = await get("/assets/index-Ab12Cd34.js", "br");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    // CSP, framing and the other page policies do nothing on a script response; pages keep them (next test).
    expect(res.headers["content-security-policy"]).toBeUndefined();
    expect(res.headers["x-frame-options"]).toBeUndefined();
  });

  it("makes browsers revalidate index.html and the page URLs that fall back to it", async () => {
    for (const pathname of ["/", "/index.html", "/calendar", "/programs/3f0c/board"]) {
      const res = await get(pathname, "br");
      expect(res.status, pathname).toBe(200);
      expect(res.headers["cache-control"], pathname).toBe("no-cache");
      expect(res.headers["content-encoding"], pathname).toBe("br");
      expect(res.headers["content-type"], pathname).toMatch(/^text\/html/);
      expect(String(res.headers["content-security-policy"]), pathname).toContain("frame-ancestors 'none'");
      expect(brotliDecompressSync(res.body).toString(), pathname).toBe(page);
    }
  });

  it("answers 404 for a missing file rather than the page, and never serves outside the client folder", async () => {
    expect((await get("/assets/missing-00000000.js", "br")).status).toBe(404);
    expect((await get("/../package.json")).status).toBe(404);
    expect((await get("/%2e%2e/package.json")).status).toBe(404);
  });
});
