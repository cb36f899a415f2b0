import { defineConfig } from "vite";

// The serving module serves dist/ under /ui/ (classpath ui/); every asset is bundled, no CDN.
export default defineConfig({
  base: "/ui/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    sourcemap: false,
  },
  server: {
    // `npm run dev` proxies the API to the fixture server (or a real `policyreach serve`).
    proxy: {
      "/v1": process.env.POLICYREACH_API ?? "http://127.0.0.1:8787",
      "/ui/session": process.env.POLICYREACH_API ?? "http://127.0.0.1:8787",
    },
  },
});
