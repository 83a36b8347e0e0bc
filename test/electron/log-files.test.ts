import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskLogData, rotateLogFile } from '../../main/electron/logging/log-files.js';
import { registerSecret } from '../../main/log/logger.js';

describe('log rotation', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'uds-logs-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the newest three archives', () => {
    const file = path.join(dir, 'main.log');
    for (let generation = 1; generation <= 5; generation++) {
      writeFileSync(file, `generation ${generation}`);
      rotateLogFile(file, 3);
    }
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('generation 5');
    expect(readFileSync(path.join(dir, 'main.2.log'), 'utf8')).toBe('generation 4');
    expect(readFileSync(path.join(dir, 'main.3.log'), 'utf8')).toBe('generation 3');
    expect(existsSync(path.join(dir, 'main.4.log'))).toBe(false);
  });
});

describe('log masking', () => {
  const secret = 'a0b1c2d3-e4f5-4a6b-8c7d-8e9f0a1b2c3d';

  it('masks registered secrets in strings, errors and objects', () => {
    registerSecret(secret);
    const error = new Error(`403 for key ${secret}`);
    const [text, maskedError, object, count] = maskLogData([
      `connecting with ${secret}`,
      error,
      { headers: { 'api-auth-applicationkey': secret } },
      42,
    ]);
    expect(text).toBe('connecting with ********');
    expect((maskedError as Error).message).toBe('403 for key ********');
    expect((maskedError as Error).stack).not.toContain(secret);
    expect(object).toEqual({ headers: { 'api-auth-applicationkey': '********' } });
    expect(count).toBe(42);
  });

  it('replaces an object that cannot be serialised', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(maskLogData([cyclic])).toEqual(['[object that could not be logged]']);
  });
});
