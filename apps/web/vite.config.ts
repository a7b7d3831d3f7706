import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { templateCatalogue } from './catalogue-plugin.js';

// A static site: relative base so the build works from any folder or sub-path.
export default defineConfig({
  base: './',
  plugins: [
    templateCatalogue(),
    // Offline after the first visit: a Workbox service worker precaches the whole site (every topic
    // chunk, the workers, KaTeX's fonts); it is registered by main.ts once the first question shows.
    VitePWA({
      injectRegister: null,
      registerType: 'autoUpdate',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'dlexam — deep learning practice and exam builder',
        short_name: 'dlexam',
        description:
          'Unlimited verified deep-learning practice questions with a coach, and an exam builder.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f5fbf',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
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
