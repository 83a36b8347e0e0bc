import { maskSecrets } from '../log/logger.js';

/** The destination of command output. */
export interface Output {
  /** Writes one line to standard output, with registered secrets masked. */
  line(text?: string): void;
  /** Writes one value as pretty-printed JSON to standard output. */
  json(value: unknown): void;
  /** Writes one line to standard error (warnings, progress in --json mode). */
  note(text: string): void;
}

/** Returns an Output over process.stdout and process.stderr. */
export function consoleOutput(): Output {
  return {
    line: (text = '') => process.stdout.write(`${maskSecrets(text)}\n`),
    json: (value) => process.stdout.write(`${maskSecrets(JSON.stringify(value, null, 2))}\n`),
    note: (text) => process.stderr.write(`${maskSecrets(text)}\n`),
  };
}

/**
 * Formats rows as a plain-text table with a header and a rule under it. Columns whose header
 * is listed in `alignRight` are right-aligned (counts); the rest are left-aligned.
 */
export function formatTable(
  headers: string[],
  rows: (string | number)[][],
  alignRight: string[] = [],
): string[] {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const right = new Set(alignRight);
  const render = (row: string[]) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? cell.length;
        return right.has(headers[column] ?? '') ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [
    render(headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.map(render),
  ];
}

/** Formats an ISO 8601 time as local `YYYY-MM-DD HH:MM:SS`, or "never" for null. */
export function formatTime(iso: string | null): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
