import { defineConfig, loadEnv } from 'vite';
import type { UserConfig } from 'vitest/config';

export default defineConfig(({ mode }): UserConfig => {
  // `npm run dev` serves the sources and sends /api and /auth to a running keelson server.
  const api = loadEnv(mode, '.', 'KEELSON_').KEELSON_SERVER || 'http://127.0.0.1:8080';
  return {
    // Preact's JSX through esbuild's automatic runtime: no Babel preset is needed.
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    server: { proxy: { '/api': api, '/auth': api } },
    build: {
      // The Maven build packages this directory into the jar under META-INF/keelson-ui/.
      outDir: '../../../target/web-dist',
      emptyOutDir: true,
      assetsDir: 'assets',
      target: 'es2020',
    },
    // The contrast test reads the themes' colours from the stylesheet itself.
    test: { environment: 'node', include: ['test/**/*.test.ts'], css: { include: /styles\.css/ } },
  };
});
