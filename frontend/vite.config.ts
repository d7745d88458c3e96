/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API served by `fovea server` / `fovea up`; only used by `vite` and `vite preview`.
const apiTarget = process.env.FOVEA_API_URL ?? "http://127.0.0.1:3999";
const proxy = { "/api": { target: apiTarget, changeOrigin: false }, "/health": apiTarget };

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Names are content-hashed (Vite's default `assets/[name]-[hash]`), so `fovea server` can
    // cache /assets/* forever. Vendors get their own chunks: they change less than the app.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: "mui", test: /node_modules[\\/](@mui|@emotion)[\\/]/ },
            { name: "react", test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: "vendor", test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
