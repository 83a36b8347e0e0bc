import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { maskSecrets } from '../../log/logger.js';

/**
 * Rotates a full log file: `main.log` becomes `main.1.log`, `main.1.log` becomes `main.2.log`,
 * and so on, dropping the oldest beyond `keep` archives. Rename errors propagate.
 */
export function rotateLogFile(filePath: string, keep: number): void {
  const { dir, name, ext } = path.parse(filePath);
  const archive = (index: number) => path.join(dir, `${name}.${index}${ext}`);

  rmSync(archive(keep), { force: true });
  for (let index = keep - 1; index >= 1; index--) {
    if (existsSync(archive(index))) renameSync(archive(index), archive(index + 1));
  }
  renameSync(filePath, archive(1));
}

/**
 * Returns a log line's data with every registered secret masked: strings directly, errors in
 * their message and stack, other objects through their JSON form.
 */
export function maskLogData(data: unknown[]): unknown[] {
  return data.map((value) => {
    if (typeof value === 'string') return maskSecrets(value);
    if (value instanceof Error) {
      const copy = new Error(maskSecrets(value.message));
      copy.name = value.name;
      copy.stack = value.stack === undefined ? undefined : maskSecrets(value.stack);
      return copy;
    }
    if (value !== null && typeof value === 'object') {
      try {
        return JSON.parse(maskSecrets(JSON.stringify(value))) as unknown;
      } catch {
        return '[object that could not be logged]';
      }
    }
    return value;
  });
}
