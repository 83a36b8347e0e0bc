/**
 * Staged rollout of a published version, by editing the update channel files that
 * electron-builder wrote (latest.yml for Windows, latest-mac.yml, latest-linux.yml) before they
 * are copied to the update server. See docs/releasing.md.
 *
 *   npm run release -- stage <version> <percent> [--dir release]   percent: 10, 50 or 100
 *   npm run release -- halt [--dir release]                        stops new installs taking it
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { parseDocument } from 'yaml';

/** The channel files of the "latest" channel, one per platform. */
export const CHANNEL_FILES = ['latest.yml', 'latest-mac.yml', 'latest-linux.yml'] as const;

/** The rollout steps, in order. */
export const ROLLOUT_STEPS = [10, 50, 100] as const;
export type RolloutStep = (typeof ROLLOUT_STEPS)[number];

/** The staging percentage of one channel file before and after a change. */
export interface ChannelFileChange {
  file: string;
  version: string;
  /** The `stagingPercentage` before, or null when the file had none (fresh from the build). */
  before: number | null;
  after: number;
}

function readChannelFiles(dir: string) {
  const present = CHANNEL_FILES.filter((name) => existsSync(path.join(dir, name)));
  if (present.length === 0) {
    throw new Error(
      `No channel file (${CHANNEL_FILES.join(', ')}) in ${dir}. Pass --dir with the folder of the ` +
        'published release.',
    );
  }
  return present.map((name) => {
    const file = path.join(dir, name);
    const document = parseDocument(readFileSync(file, 'utf8'));
    const version = document.get('version');
    if (typeof version !== 'string') throw new Error(`${file} has no version field.`);
    const staging = document.get('stagingPercentage');
    const before = typeof staging === 'number' ? staging : null;
    return { file, document, version, before };
  });
}

/**
 * Sets the rollout of `version` to `percent` in every channel file in `dir`. A file fresh from
 * electron-builder has no `stagingPercentage` and takes any step. After that a step may only go
 * up, except from a halt (0). At 100 the key stays, so a later "stage 10" is still caught.
 * electron-updater then leaves out only the one staging id whose bucket is exactly 1.0.
 * Throws when a file has another version, when `percent` is not a rollout step, or when it is
 * lower than the current step (use `haltRollout` for that); nothing is written then.
 */
export function stageRollout(dir: string, version: string, percent: number): ChannelFileChange[] {
  if (!(ROLLOUT_STEPS as readonly number[]).includes(percent)) {
    throw new Error(
      `Rollout percent ${percent} is not a step; use one of ${ROLLOUT_STEPS.join(', ')}.`,
    );
  }

  const files = readChannelFiles(dir);
  for (const { file, version: found, before } of files) {
    if (found !== version) {
      throw new Error(
        `${file} publishes version ${found}, not ${version}. Check the version and --dir.`,
      );
    }
    if (before !== null && before !== 0 && percent < before) {
      throw new Error(
        `${file} already rolls ${version} out to ${before}%; lowering it to ${percent}% is not a ` +
          'step. To stop a bad release, run "halt" and ship a higher version.',
      );
    }
  }

  return files.map(({ file, document, version: found, before }) => {
    document.set('stagingPercentage', percent);
    writeFileSync(file, document.toString());
    return { file, version: found, before, after: percent };
  });
}

/**
 * Sets `stagingPercentage: 0` in every channel file in `dir`, so no further install takes the
 * published version. Installs that already updated keep it: only a higher version replaces it.
 */
export function haltRollout(dir: string): ChannelFileChange[] {
  return readChannelFiles(dir).map(({ file, document, version, before }) => {
    document.set('stagingPercentage', 0);
    writeFileSync(file, document.toString());
    return { file, version, before, after: 0 };
  });
}

function describe(change: ChannelFileChange): string {
  const show = (value: number | null) => (value === null ? 'not staged' : `${value}%`);
  return `${path.basename(change.file)}: ${change.version} ${show(change.before)} -> ${show(change.after)}`;
}

function parseStep(value: string): number {
  const percent = Number(value);
  if (!(ROLLOUT_STEPS as readonly number[]).includes(percent)) {
    throw new InvalidArgumentError(`use one of ${ROLLOUT_STEPS.join(', ')}.`);
  }
  return percent;
}

/** Runs the command line; exported so tests can run it without a child process. */
export function runReleaseCli(argv: string[]): void {
  const program = new Command('release').description('Staged rollout of a published version.');
  program
    .command('stage')
    .description('Offer <version> to <percent> of the installs (10, 50, then 100).')
    .argument('<version>', 'the version in the channel files, such as 1.4.0')
    .argument('<percent>', 'rollout step: 10, 50 or 100', parseStep)
    .option('--dir <folder>', 'folder with the channel files', 'release')
    .action((version: string, percent: number, options: { dir: string }) => {
      for (const change of stageRollout(options.dir, version, percent))
        console.log(describe(change));
      console.log('Copy the channel files to the update server to apply the change.');
    });
  program
    .command('halt')
    .description('Stop new installs from taking the published version (stagingPercentage 0).')
    .option('--dir <folder>', 'folder with the channel files', 'release')
    .action((options: { dir: string }) => {
      for (const change of haltRollout(options.dir)) console.log(describe(change));
      console.log(
        'Copy the channel files to the update server. Installs that already updated keep this ' +
          'version: publish a higher version with the fix to move them on.',
      );
    });
  program.parse(argv, { from: 'user' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    runReleaseCli(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
