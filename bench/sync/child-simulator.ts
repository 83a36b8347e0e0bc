import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';

/** The project root, where `npx tsx main/cli/sim.ts` runs. */
const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** Time allowed for a simulator child to generate its seed and start listening. */
const START_TIMEOUT_MS = 180_000;

/** A simulator running in a child process, so its CPU time is not the engine's. */
export interface ChildSimulator {
  url: string;
  controlUrl: string;
  /** Stops the child (SIGTERM, then SIGKILL after 5 seconds) and resolves when it exited. */
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts `npm run sim -- <args>` as `node --import tsx main/cli/sim.ts <args>` and resolves with the URLs
 * from the JSON line it prints once it listens. Rejects when the child exits first or does
 * not print the line within three minutes.
 */
export function startChildSimulator(args: string[]): Promise<ChildSimulator> {
  // One process (node with the tsx loader) rather than `npx tsx`, whose wrapper processes
  // would leave the simulator running when only the wrapper gets the signal.
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/sim.ts', ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });

  return new Promise((resolvePromise, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      void stopChild(child);
      reject(new Error(`${message} (sim ${args.join(' ')}): ${stderr.trim()}`));
    };
    const timer = setTimeout(
      () => fail('The simulator did not start within three minutes'),
      START_TIMEOUT_MS,
    );
    child.once('exit', (code) => fail(`The simulator exited with status ${code} before listening`));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      let parsed: { url: string; controlUrl: string };
      try {
        parsed = JSON.parse(line) as { url: string; controlUrl: string };
      } catch {
        fail(`The simulator printed "${line}" instead of its URLs`);
        return;
      }
      resolvePromise({
        url: parsed.url,
        controlUrl: parsed.controlUrl,
        stop: () => stopChild(child),
      });
    });
  });
}

/** Calls a simulator control endpoint and returns its JSON body; throws on a non-2xx status. */
export async function control<T>(
  controlUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(new URL(path, controlUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(
      `${method} ${path} on the simulator failed with HTTP ${response.status}: ${text.slice(0, 300)}`,
    );
  return (text ? JSON.parse(text) : undefined) as T;
}
