import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A generic-provider update server on 127.0.0.1 serving files from memory. */
export interface UpdateServer {
  url: string;
  files: Map<string, Buffer | string>;
  /** Paths requested so far, without query strings, with the staging id header sent. */
  requests: { path: string; stagingId: string | undefined }[];
  close(): Promise<void>;
}

/** Starts the server on a free port; `prefix` is the URL path the files are served under. */
export async function startUpdateServer(prefix = '/updates/'): Promise<UpdateServer> {
  const files = new Map<string, Buffer | string>();
  const requests: UpdateServer['requests'] = [];
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const stagingId = request.headers['x-user-staging-id'];
    requests.push({ path, stagingId: Array.isArray(stagingId) ? stagingId[0] : stagingId });
    const body = path.startsWith(prefix) ? files.get(path.slice(prefix.length)) : undefined;
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // Closing each connection keeps the client from stacking listeners on a reused socket.
    response
      .writeHead(200, { 'content-length': Buffer.byteLength(body), connection: 'close' })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    files,
    requests,
    close: () =>
      new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}

/** Returns the base64 SHA-512 electron-builder writes into channel files. */
export function sha512Base64(data: Buffer): string {
  return createHash('sha512').update(data).digest('base64');
}

/** Returns a latest-linux.yml offering `fileName` at `version`, as electron-builder writes it. */
export function linuxChannelFile(
  version: string,
  fileName: string,
  data: Buffer,
  stagingPercentage?: number,
): string {
  const sha512 = sha512Base64(data);
  const lines = [
    `version: ${version}`,
    'files:',
    `  - url: ${fileName}`,
    `    sha512: ${sha512}`,
    `    size: ${data.length}`,
    `path: ${fileName}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
  ];
  if (stagingPercentage !== undefined) lines.push(`stagingPercentage: ${stagingPercentage}`);
  return `${lines.join('\n')}\n`;
}
