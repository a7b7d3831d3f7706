import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM_LAUNCH_ARGS } from '@dlexam/export-html/pdf';

/** Builds the static site, serves it on 127.0.0.1 and starts Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium';
export const appDir = resolve(fileURLToPath(import.meta.url), '../..');
export const shots = join(appDir, 'test-results');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export const DESKTOP = { width: 1100, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface Site {
  base: string;
  outDir: string;
  browser: Browser;
  /** Every request path the server answered 404 to. */
  missing: string[];
  close(): Promise<void>;
}

/**
 * `vite build` into a fresh folder, in a Node process of its own: the build's plugins (Workbox's
 * service worker generation among them) run as in `pnpm build`, untouched by the test runner's
 * module loading.
 */
export function buildSite(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'dlexam-web-'));
  // As `pnpm build` runs it: the test runner's NODE_ENV=test would make a development build.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  delete env.NODE_OPTIONS;
  execFileSync(
    process.execPath,
    [
      join(appDir, 'node_modules/vite/bin/vite.js'),
      'build',
      '--logLevel',
      'error',
      '--outDir',
      outDir,
      '--emptyOutDir',
    ],
    { cwd: appDir, env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return outDir;
}

export async function startSite(): Promise<Site> {
  const outDir = buildSite();
  const missing: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const path = join(outDir, url === '/' ? 'index.html' : url);
    if (!path.startsWith(outDir) || !existsSync(path) || statSync(path).isDirectory()) {
      missing.push(url);
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
      .end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_LAUNCH_ARGS],
  });
  return {
    base,
    outDir,
    browser,
    missing,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A fresh context (empty storage) at the size, on `index.html#hash`; page errors fail the test. */
export async function open(
  site: Site,
  hash = '',
  viewport = DESKTOP,
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await site.browser.newContext({ acceptDownloads: true, viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.base}/index.html${hash}`);
  await page.waitForSelector('main');
  return { page, context, errors };
}

const AXE = readFileSync(resolve(appDir, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page, one line each. */
export async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const r = await (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{
            violations: {
              id: string;
              impact: string;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`);
}

/**
 * Waits for the question and for KaTeX, which the app loads once the first question is on screen
 * (its math reads as Unicode text until then, `src/rich.ts`).
 */
export async function questionShown(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="question"]');
  await page.waitForFunction(() => performance.getEntriesByName('dlexam:math-typeset').length > 0);
  await page.waitForFunction(() => !document.querySelector('[data-testid="question"] .math-plain'));
}
