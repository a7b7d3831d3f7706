import { HtmlExportError } from './errors.js';

export interface OutputFile {
  /** Path relative to the output directory, with `/` separators. */
  path: string;
  content: string | Uint8Array;
}

interface NodeModules {
  fs: {
    readFileSync(path: string): Uint8Array;
    readFileSync(path: string, encoding: 'utf8'): string;
  };
  path: { dirname(p: string): string; join(...parts: string[]): string };
  module: { createRequire(from: string): { resolve(id: string): string } };
}

/**
 * Node built-ins fetched at call time through `process.getBuiltinModule` (Node ≥ 20.16), not imported:
 * the main entry point stays loadable in a browser bundle, where only `katexAssets` is unavailable.
 */
function nodeModules(): NodeModules {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (!proc?.getBuiltinModule) {
    throw new HtmlExportError(
      'katexAssets() reads the KaTeX package files and needs Node.js ≥ 20.16; in a browser, load katex/dist/katex.min.css through your bundler',
    );
  }
  return {
    fs: proc.getBuiltinModule('node:fs') as NodeModules['fs'],
    path: proc.getBuiltinModule('node:path') as NodeModules['path'],
    module: proc.getBuiltinModule('node:module') as NodeModules['module'],
  };
}

// Every @font-face lists woff2, woff and ttf; all browsers that print these files read woff2, so the
// other two are dropped from the stylesheet and not shipped (296 kB instead of 1.2 MB per exam).
const LEGACY_FONT_SRC = /,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g;

/**
 * The KaTeX stylesheet and its woff2 fonts, as files to write beside the HTML:
 * `katex/katex.min.css` and `katex/fonts/*.woff2` (the paths the stylesheet's `url()`s expect).
 * Everything the documents need to render offline.
 */
export function katexAssets(): OutputFile[] {
  const { fs, path, module } = nodeModules();
  const require = module.createRequire(import.meta.url);
  let cssPath: string;
  try {
    cssPath = require.resolve('katex/dist/katex.min.css');
  } catch {
    throw new HtmlExportError(
      'cannot find the katex package (katex/dist/katex.min.css); is it installed?',
    );
  }
  const css = fs.readFileSync(cssPath, 'utf8').replace(LEGACY_FONT_SRC, '');
  const fonts = [
    ...new Set([...css.matchAll(/url\((fonts\/[^)]+)\)/g)].map((m) => m[1] as string)),
  ].sort();
  const dir = path.dirname(cssPath);
  return [
    { path: 'katex/katex.min.css', content: css },
    ...fonts.map((f) => ({
      path: `katex/${f}`,
      content: new Uint8Array(fs.readFileSync(path.join(dir, f))),
    })),
  ];
}
