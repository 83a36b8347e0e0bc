import http from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime';
import { AppImageUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';

/** electron-updater's HTTP layer on Node's http module instead of Electron's `net`. */
class NodeHttpExecutor extends HttpExecutor<http.ClientRequest> {
  createRequest(
    options: http.RequestOptions,
    callback: (response: http.IncomingMessage) => void,
  ): http.ClientRequest {
    return http.request(options, callback);
  }

  /** Downloads `url` to `destination`, checking the SHA-512 from the channel file. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: http.RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

/**
 * Creates a real AppImageUpdater that runs in plain Node: an AppAdapter over a temp folder
 * (userData, cache, app-update.yml) and the Node HTTP executor. `stagingId` is written to
 * `.updaterId`, which pins the install's staging bucket.
 */
export function createNodeUpdater(options: {
  dir: string;
  feedUrl: string;
  version: string;
  stagingId: string;
}): AppImageUpdater {
  const appUpdateConfigPath = path.join(options.dir, 'app-update.yml');
  writeFileSync(
    appUpdateConfigPath,
    `provider: generic\nurl: ${options.feedUrl}\nupdaterCacheDirName: upstock-dear-sync-updater\n`,
  );
  writeFileSync(path.join(options.dir, '.updaterId'), options.stagingId);

  const app: AppAdapter = {
    version: options.version,
    name: 'upstock-dear-sync',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: options.dir,
    baseCachePath: options.dir,
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new AppImageUpdater(null, app);
  // The provider is created on the first check and takes the executor it finds then.
  (updater as unknown as { httpExecutor: HttpExecutor<http.ClientRequest> }).httpExecutor =
    new NodeHttpExecutor();
  return updater;
}
