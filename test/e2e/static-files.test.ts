import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectBridge, readRendererFile } from '../../main/web-bridge/static-files.js';

let root: string;
let rendererDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'uds-web-bridge-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<html><head></head></html>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  await writeFile(join(root, 'secret.txt'), 'not for the browser');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readRendererFile', () => {
  it('reads a built asset with its type', async () => {
    const file = await readRendererFile(rendererDir, '/assets/app.js');

    expect(file?.body.toString()).toBe('console.log(1);');
    expect(file?.contentType).toBe('text/javascript; charset=utf-8');
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt'])(
    'rejects %s outside the folder',
    async (path) => {
      expect(await readRendererFile(rendererDir, path)).toBeNull();
    },
  );

  it('returns null for a missing file', async () => {
    expect(await readRendererFile(rendererDir, '/assets/missing.js')).toBeNull();
  });
});

describe('injectBridge', () => {
  it('puts the bridge before the first script', () => {
    const html =
      '<head><meta charset="UTF-8" /><script type="module" src="./a.js"></script></head>';

    const injected = injectBridge(html, './test-bridge.js');

    expect(injected.indexOf('./test-bridge.js')).toBeLessThan(injected.indexOf('./a.js'));
    expect(injected.match(/<script/g)).toHaveLength(2);
  });

  it('adds the bridge to a page without scripts', () => {
    const injected = injectBridge('<html><head></head></html>', './test-bridge.js');

    expect(injected).toContain('<script src="./test-bridge.js"></script>');
    expect(injected.indexOf('test-bridge')).toBeLessThan(injected.indexOf('</head>'));
  });
});
