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

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Prints HTML from this package to PDF bytes. The HTML is written to a temporary folder next to
 * `katexAssets()` (so its default `katex/katex.min.css` link resolves, offline) and loaded from there;
 * page size, margins and the running header/footer come from the document's own print CSS.
 */
export async function htmlToPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const executablePath = findChromium(options.chromiumPath);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new HtmlExportError('PDF export needs the playwright-core package (it drives the installed Chromium); add it to your project');
  }
  const dir = await mkdtemp(join(tmpdir(), 'dlexam-pdf-'));
  try {
    for (const asset of katexAssets()) {
      const target = join(dir, asset.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, asset.content);
    }
    const file = join(dir, 'document.html');
    await writeFile(file, html);
    let browser;
    try {
      browser = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
    } catch (err) {
      throw new HtmlExportError(`cannot start Chromium at ${executablePath}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
    try {
      const page = await browser.newPage();
      // Offline by construction: every request other than the local files is refused.
      await page.route(/^(?!file:)/, (route) => route.abort());
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const pdf = await page.pdf({
        format: (options.paper ?? 'a4') === 'letter' ? 'Letter' : 'A4',
        preferCSSPageSize: true,
        printBackground: true,
      });
      return new Uint8Array(pdf);
    } finally {
      await browser.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
