import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The part of a frame the sender check reads (Electron's `WebFrameMain`). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Returns true when an IPC message comes from the top frame of our own window: a `file://` URL
 * whose path is the renderer's index.html (query and hash ignored). Any other page, a sub-frame,
 * or a frame that is already gone (`null`) is untrusted.
 */
export function isTrustedSender(
  frame: SenderFrame | null | undefined,
  rendererIndex: string,
): boolean {
  if (!frame || frame.parent) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false;
  url.search = '';
  url.hash = '';
  return path.resolve(fileURLToPath(url)) === path.resolve(rendererIndex);
}
