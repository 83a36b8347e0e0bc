import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { runCli } from './cli-harness.js';

/** Returns the folder named in the sandbox's closing line about its data folder. */
function dataFolderIn(stdout: string, pattern: RegExp): string {
  const match = pattern.exec(stdout);
  if (!match?.[1]) throw new Error(`No data folder line in:\n${stdout}`);
  return match[1];
}

describe('sandbox data folder', () => {
  it('deletes its temp folder on exit', async () => {
    const result = await runCli('main/cli/sandbox.ts', ['--once']);
    expect(result.exitCode).toBe(0);
    const folder = dataFolderIn(
      result.stdout,
      /Deleted the sandbox data folder (\S+) \(pass --keep-data/,
    );
    expect(existsSync(folder)).toBe(false);
  }, 180_000);

  it('keeps it with --keep-data', async () => {
    const result = await runCli('main/cli/sandbox.ts', ['--once', '--keep-data']);
    expect(result.exitCode).toBe(0);
    const folder = dataFolderIn(
      result.stdout,
      /Data folder kept: (\S+) \(under the OS temp folder/,
    );
    try {
      expect(existsSync(folder)).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);

  it('says so in --help', async () => {
    const result = await runCli('main/cli/sandbox.ts', ['--help']);
    expect(result.stdout).toContain('--keep-data');
    expect(result.stdout).toContain('deleted on exit');
  });
});
