import { defineConfig } from 'vite';
import { templateCatalogue } from './catalogue-plugin.js';

// A static site: relative base so the build works from any folder or sub-path.
export default defineConfig({
  base: './',
  plugins: [templateCatalogue()],
  resolve: { conditions: ['source', 'module', 'browser', 'import', 'default'] },
  // Module workers (the export worker), bundled like the page: code splitting works in them.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
  },
});
