import { defineConfig } from 'vite';

// A static site: relative base so the build works from any folder or sub-path.
export default defineConfig({
  base: './',
  resolve: { conditions: ['source', 'module', 'browser', 'import', 'default'] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
  },
});
