import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { templateCatalogue } from './catalogue-plugin.js';
import { precompiledStems } from './stems-plugin.js';
import { firstQuestionPreload } from './first-question-plugin.js';

// A static site: relative base so the build works from any folder or sub-path.
export default defineConfig({
  base: './',
  plugins: [
    templateCatalogue(),
    // Question text precompiled per topic; the page ships handlebars' runtime only.
    precompiledStems({ runtimeOnly: true }),
    firstQuestionPreload(),
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
  // The workers (builder, exports) keep handlebars' compiler: they may assemble any template.
  worker: { format: 'es', plugins: () => [precompiledStems({ runtimeOnly: false })] },
  build: {
    target: 'es2022',
    outDir: 'dist',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // Everything the entry imports statically in one chunk: the first load is two requests
        // (the entry and this) before the first question's topic, not fifteen small ones.
        codeSplitting: {
          groups: [
            { name: 'app', tags: ['$initial'], priority: 3 },
            // What several topics share (the math core's tensors, optimizers, …): one chunk.
            {
              name: 'core',
              test: /packages[\\/](math|generator|types|svg-check)[\\/]/,
              minShareCount: 2,
              priority: 2.5,
            },
            // A topic's templates and its precompiled question text: one request.
            {
              name: (id) =>
                /topic-(\w+)[\\/]|dlexam-stems\/(\w+)/.exec(id)?.slice(1).find(Boolean) ?? null,
              priority: 2,
            },
          ],
        },
      },
    },
  },
});
