import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";

const clientDir = path.dirname(fileURLToPath(import.meta.url));
const api = "http://localhost:3000";

/**
 * Writes a brotli (.br) and a gzip (.gz) copy next to every text file of the build, compressed once at the highest
 * level, so the server (sirv in server/app.ts) sends them as they are to browsers that accept them. Files under
 * 1 KiB are left alone: their headers cost more than compression saves.
 */
function precompress(): Plugin {
  let outDir = "";
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  return {
    name: "mis-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|mjs|css|html|svg|json|txt|webmanifest)$/.test(file) || statSync(file).size < 1024) continue;
        const raw = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(raw, {
            params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: clientDir,
  plugins: [solid(), tailwindcss(), precompress()],
  // The same alias as client/tsconfig.json: `@shared/modules/<domain>/<domain>.schema` is the server's shared schema.
  resolve: { alias: { "@shared": path.resolve(clientDir, "../server") } },
  build: {
    outDir: path.resolve(clientDir, "../dist/client"),
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/trpc": api,
      "/uploads": api,
      "/files": api,
      "/auth/google": api,
      "/healthz": api,
      "/socket.io": { target: "ws://localhost:3000", ws: true },
    },
  },
  preview: { port: 5173 },
});
