/**
 * `npm run dev`: the API server under `tsx watch` on :3000 (without serving the built client) and Vite with hot
 * reload on :5173, which proxies /trpc, /socket.io, /uploads, /files and /auth/google to it. Open the Vite URL.
 *
 * This is a developer tool, not part of the app: it reads no configuration itself and hands settings to the
 * server through the child's environment, where server/config.ts reads them as usual.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";

const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const API_PORT = "3000";
const WEB_PORT = 5173;
const webUrl = `http://localhost:${WEB_PORT}`;

function startApi(): ChildProcess {
  const tsx = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "tsx.cmd" : "tsx");
  return spawn(tsx, ["watch", "--clear-screen=false", "server/main.ts"], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      SERVE_CLIENT: "false",
      PORT: API_PORT,
      // Links in emails and the same-origin check must name the address the browser uses: Vite's.
      PUBLIC_URL: webUrl,
    },
  });
}

async function waitForApi(timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://localhost:${API_PORT}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.warn(`The API did not answer on :${API_PORT} within ${timeoutMs / 1000} s; check the log above.`);
}

async function main() {
  const api = startApi();
  let stopping = false;

  const vite = await createServer({
    configFile: path.join(root, "client", "vite.config.ts"),
    server: { port: WEB_PORT, strictPort: true },
  });
  await vite.listen();

  // Vite is up at once; the API needs a few seconds (migrations, seed). Announce the URL when both answer.
  await waitForApi();
  console.log(`\n  Mentoring dev server: open ${webUrl}\n  (API on http://localhost:${API_PORT}, proxied by Vite)\n`);

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (api.exitCode === null && api.signalCode === null) api.kill("SIGTERM");
    await vite.close().catch(() => {});
    process.exit(code);
  };
  api.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`API server stopped (${signal ?? `exit code ${code}`}).`);
      void stop(code ?? 1);
    }
  });
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  // Last resort: never leave the child running if this process goes away some other way.
  process.on("exit", () => {
    if (api.exitCode === null && api.signalCode === null) api.kill("SIGTERM");
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
