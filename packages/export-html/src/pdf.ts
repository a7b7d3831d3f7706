import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HtmlExportError } from './errors.js';
import { katexAssets } from './katex-assets.js';
import type { Paper } from './styles.js';

/**
 * `--format pdf`: prints a document of this package to PDF with a locally installed Chromium driven
 * by playwright-core. Separate entry point (`@dlexam/export-html/pdf`) because it needs Node and a
 * browser; playwright-core is imported lazily so a missing package gives a clear error, too.
 */

export interface PdfOptions {
  /** Paper of the PDF; must match the paper the HTML was rendered for. Default `'a4'`. */
  paper?: Paper;
  /** Path of a Chromium/Chrome executable. Default: the first of `CHROMIUM_PATHS` that exists. */
  chromiumPath?: string;
}

/** Where `findChromium` looks when no path is given (Debian/Ubuntu package locations). */
export const CHROMIUM_PATHS: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium executable to use, or an HtmlExportError that says how to get one. */
export function findChromium(explicit?: string): string {
  if (explicit !== undefined) {
    if (!existsSync(explicit)) throw new HtmlExportError(`no Chromium at ${explicit}`);
    return explicit;
  }
  const found = CHROMIUM_PATHS.find((p) => existsSync(p));
  if (!found) {
    throw new HtmlExportError(
      `PDF export needs a locally installed Chromium; none found at ${CHROMIUM_PATHS.join(' or ')}. ` +
        'Install it (Debian/Ubuntu: apt-get install chromium), pass its path, or use --format html and print from a browser.',
    );
  }
  return found;
}

/**
 * The features playwright-core (1.65) disables in every Chromium it launches (its
 * `chromiumSwitches`). A second `--disable-features` replaces the first, so ours repeats them
 * (`test/pdf.test.ts` reads both from the browser's command line).
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Toolbar pages headless Chromium renders though it shows no toolbar: Debian's Chromium 156 starts
 * the omnibox popup (a WebUI page in a renderer of its own) with every window and preloads other
 * browser-UI pages, about a core's worth of work beside each page it loads or prints.
 */
const BROWSER_UI_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxFullPopup',
  'WebUIOmniboxAimPopup',
  'PreloadTopChromeWebUI',
];

/**
 * How dlexam starts headless Chromium (the PDF printer here, the web app's browser tests): no
 * sandbox (CI runs as root), no GPU, no network of its own, and no toolbar pages. Printing the
 * sample exam to PDF takes a fifth less time without the toolbar pages (2-core machine).
 */
export const CHROMIUM_LAUNCH_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...BROWSER_UI_FEATURES].join(',')}`,
];

/** A running Chromium that prints many documents; `close()` it when done. */
export interface PdfPrinter {
  print(html: string, options?: { paper?: Paper }): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Starts Chromium once for several documents (the CLI prints every file of an exam). Documents are
 * written to a temporary folder next to `katexAssets()`, so their default `katex/katex.min.css`
 * link resolves offline, and loaded from there with every non-file request refused. Page size,
 * margins and the running header/footer come from each document's own print CSS.
 */
export async function openPdfPrinter(options: Omit<PdfOptions, 'paper'> = {}): Promise<PdfPrinter> {
  const executablePath = findChromium(options.chromiumPath);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new HtmlExportError(
      'PDF export needs the playwright-core package (it drives the installed Chromium); add it to your project',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'dlexam-pdf-'));
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    for (const asset of katexAssets()) {
      const target = join(dir, asset.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, asset.content);
    }
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_LAUNCH_ARGS],
    });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    if (err instanceof HtmlExportError) throw err;
    throw new HtmlExportError(
      `cannot start Chromium at ${executablePath}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
  }
  let count = 0;
  return {
    async print(html, printOptions = {}) {
      const file = join(dir, `document-${++count}.html`);
      await writeFile(file, html);
      const page = await browser.newPage();
      try {
        await page.route(/^(?!file:)/, (route) => route.abort());
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const pdf = await page.pdf({
          format: (printOptions.paper ?? 'a4') === 'letter' ? 'Letter' : 'A4',
          preferCSSPageSize: true,
          printBackground: true,
        });
        return new Uint8Array(pdf);
      } finally {
        await page.close();
        await rm(file, { force: true });
      }
    },
    async close() {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Prints one document of this package to PDF bytes (starts and stops Chromium; see `openPdfPrinter`). */
export async function htmlToPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const printer = await openPdfPrinter(options);
  try {
    return await printer.print(html, options.paper ? { paper: options.paper } : {});
  } finally {
    await printer.close();
  }
}
