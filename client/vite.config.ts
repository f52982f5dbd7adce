import path from "node:path";
import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

const clientDir = path.dirname(fileURLToPath(import.meta.url));
const api = "http://localhost:3000";

export default defineConfig({
  root: clientDir,
  plugins: [solid(), tailwindcss()],
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
