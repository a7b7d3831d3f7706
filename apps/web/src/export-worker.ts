/**
 * The export worker: renders one download (`renderDownload`) off the page's thread and posts it
 * back, its bytes moved rather than copied. Started per download by `renderInWorker`.
 */
import { renderDownload, type DownloadRequest } from './downloads.js';

// Typed locally: the app compiles against the DOM library, whose `postMessage` is the window's.
const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<DownloadRequest>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

scope.onmessage = async (ev) => {
  try {
    const file = await renderDownload(ev.data);
    const transfer = typeof file.content === 'string' ? [] : [file.content.buffer as ArrayBuffer];
    scope.postMessage({ ok: true, file }, transfer);
  } catch (e) {
    scope.postMessage({ ok: false, message: (e as Error).message });
  }
};
