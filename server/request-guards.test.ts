/**
 * Requests for a host name we do not serve (DNS rebinding) get 421 before routing, on tRPC, pages and the
 * socket.io handshake; a socket from a foreign page is refused; production refuses to start without APP_SECRET.
 */

import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnTsx } from "../e2e/support/process";
import { ConfigError, loadConfig } from "./config";
import { makeUser, sessionTokenFor } from "./test-support/factories";
import { socketFor } from "./test-support/socket";
import { startTestApp, type TestApp } from "./test-support/test-app";

function get(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers: { host } }, (res) => {
      let body = "";
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL: "https://mentoring.example.org", ALLOWED_HOSTS: "internal.example.net,10.0.0.5:3000" });
  const user = await makeUser(t.handle.db, { email: "ada@example.org" });
  cookie = `__Host-session=${await sessionTokenFor(t.handle.db, t.clock, user.id)}`;
});
afterAll(async () => {
  await t?.close();
});

describe("known host names only", () => {
  it("answers a foreign Host with 421 on tRPC, a page and the socket.io handshake", async () => {
    for (const p of ["/trpc/auth.me", "/", "/sign-in", "/socket.io/?EIO=4&transport=polling"]) {
      const res = await get(`${t.url}${p}`, "rebind.attacker.example");
      // socket.io answers its own requests: it refuses with 403 (engine.io's Forbidden) instead of 421.
      expect(res.status, p).toBe(p.startsWith("/socket.io") ? 403 : 421);
    }
    expect((await get(`${t.url}/socket.io/?EIO=4&transport=polling`, "mentoring.example.org")).status).toBe(200);
    const page = await get(`${t.url}/trpc/auth.me`, "rebind.attacker.example");
    expect(page.body).toContain("does not answer for that host name");
  });

  it("serves PUBLIC_URL's host, loopback names and addresses, and ALLOWED_HOSTS", async () => {
    for (const host of [
      "mentoring.example.org",
      "localhost:3000",
      "127.0.0.1:8080",
      "[::1]:3000",
      "app.localhost",
      "internal.example.net:9000",
      "10.0.0.5:3000",
    ]) {
      expect((await get(`${t.url}/trpc/auth.me`, host)).status, host).not.toBe(421);
    }
    // The public host on another port, and an ALLOWED_HOSTS entry pinned to one port, on a different one.
    for (const host of ["mentoring.example.org:8443", "10.0.0.5:4000"]) {
      expect((await get(`${t.url}/trpc/auth.me`, host)).status, host).toBe(421);
    }
  });

  it("keeps the health probe reachable by any address a load balancer uses", async () => {
    expect((await get(`${t.url}/healthz`, "10.1.2.3:3000")).status).toBe(200);
  });

  it("names ALLOWED_HOSTS when it is not a list of host names", () => {
    expect(problemsOf({ ALLOWED_HOSTS: "https://x.example/path" }).map((p) => p.split(":")[0])).toEqual(["ALLOWED_HOSTS"]);
  });
});

describe("socket.io follows the same origin rule as mutations", () => {
  it("refuses a handshake from a foreign page and accepts one from our own origin", async () => {
    const refused = await new Promise<string>((resolve) => {
      const s = connect(t.url, {
        transports: ["websocket"],
        extraHeaders: { cookie, origin: "https://evil.example" },
        reconnection: false,
      });
      s.once("connect", () => {
        s.close();
        resolve("connected");
      });
      s.once("connect_error", () => {
        s.close();
        resolve("refused");
      });
    });
    expect(refused).toBe("refused");
    const ok = await socketFor(t.url, cookie);
    expect(ok.connected).toBe(true);
    ok.close();
  });
});

describe("APP_SECRET in production", () => {
  it("is required when NODE_ENV=production, and accepted when given", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems.map((p) => p.split(":")[0])).toEqual(["APP_SECRET"]);
    expect(problems[0]).toMatch(/openssl rand/);
    expect(problemsOf({ NODE_ENV: "production", APP_SECRET: "x".repeat(40) })).toEqual([]);
    expect(problemsOf({ NODE_ENV: "development" })).toEqual([]);
  });

  it("npm start in production without APP_SECRET exits with status 1 and says why", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "mis-secret-"));
    try {
      const app = spawnTsx("server/main.ts", {
        NODE_ENV: "production",
        PGLITE_DIR: path.join(dataDir, "pglite"),
        UPLOAD_DIR: dataDir,
        PORT: "0",
      });
      const { code } = await app.exited;
      expect(code).toBe(1);
      expect(app.stderr()).toMatch(/- APP_SECRET: is required when NODE_ENV=production/);
      expect(app.stdout()).not.toMatch(/listening on/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
