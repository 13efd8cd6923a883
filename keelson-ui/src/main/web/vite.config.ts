import { defineConfig } from 'vitest/config';

// Preact's JSX through esbuild's automatic runtime: no Babel preset is needed.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    // The Maven build packages this directory into the jar under META-INF/keelson-ui/.
    outDir: '../../../target/web-dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
  },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
