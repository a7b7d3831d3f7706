import css from 'katex/dist/katex.min.css?raw';

/**
 * The KaTeX stylesheet and woff2 fonts as files, for the printable-HTML zip: the browser cannot read
 * the katex package from disk the way `katexAssets()` does in Node, so the bundler hands them over.
 */
const FONT_URLS = import.meta.glob('/node_modules/katex/dist/fonts/*.woff2', {
  query: '?url',
  import: 'default',
}) as Record<string, () => Promise<string>>;

export async function browserKatexAssets(): Promise<
  { path: string; content: string | Uint8Array }[]
> {
  // Only woff2 is shipped, as in Node's katexAssets(): every printing browser reads it.
  const sheet = css.replace(
    /,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g,
    '',
  );
  const fonts = await Promise.all(
    Object.entries(FONT_URLS).map(async ([path, url]) => {
      const bytes = new Uint8Array(await (await fetch(await url())).arrayBuffer());
      return { path: `katex/fonts/${path.slice(path.lastIndexOf('/') + 1)}`, content: bytes };
    }),
  );
  return [
    { path: 'katex/katex.min.css', content: sheet },
    ...fonts.sort((a, b) => a.path.localeCompare(b.path)),
  ];
}
