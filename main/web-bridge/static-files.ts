import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** A file read from the built renderer, with its content type. */
export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Reads a file of the built renderer for a URL path. Returns null when the path leaves the
 * folder (such as `/../package.json`) or no such file exists.
 */
export async function readRendererFile(
  rendererDir: string,
  urlPath: string,
): Promise<StaticFile | null> {
  const root = resolve(rendererDir);
  const relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
  const path = resolve(root, relative);
  if (path !== root && !path.startsWith(root + sep)) return null;

  try {
    const body = await readFile(path);
    return { body, contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

/** Inserts the bridge script before the first script tag of index.html. */
export function injectBridge(indexHtml: string, scriptPath: string): string {
  const tag = `<script src="${scriptPath}"></script>\n    `;
  const firstScript = indexHtml.indexOf('<script');
  if (firstScript === -1) return indexHtml.replace('</head>', `${tag}</head>`);
  return indexHtml.slice(0, firstScript) + tag + indexHtml.slice(firstScript);
}
