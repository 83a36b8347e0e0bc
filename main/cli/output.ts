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

let stdoutClosed = false;
let epipeHandlerInstalled = false;

/**
 * Stops writing to standard output once its reader has gone (`agent status | head -3`), instead
 * of crashing on EPIPE with a stack trace. The command still finishes and sets its exit status.
 * Any other stream error is rethrown.
 */
function ignoreClosedStdout(): void {
  if (epipeHandlerInstalled) return;
  epipeHandlerInstalled = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
}

function writeStdout(text: string): void {
  if (stdoutClosed) return;
  process.stdout.write(text);
}

/** Returns an Output over process.stdout and process.stderr. */
export function consoleOutput(): Output {
  ignoreClosedStdout();
  return {
    line: (text = '') => writeStdout(`${maskSecrets(text)}\n`),
    json: (value) => writeStdout(`${maskSecrets(JSON.stringify(value, null, 2))}\n`),
    note: (text) => process.stderr.write(`${maskSecrets(text)}\n`),
  };
}

/** Maximum width of a table cell, in characters; longer cells end in an ellipsis. */
export const MAX_CELL_WIDTH = 60;

/** Shown in place of each control character, so a name cannot move the cursor or clear the screen. */
export const CONTROL_PLACEHOLDER = '\uFFFD';

/**
 * C0 controls (NUL, ESC, tab, newline...), DEL, C1 controls, and the bidirectional marks,
 * embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
 * U+2069) that reorder the text around them.
 */
const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Returns `text` with every control and bidirectional formatting character replaced by U+FFFD. */
export function replaceControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, CONTROL_PLACEHOLDER);
}

/** Returns `text` cut to `maxWidth` characters, the last one an ellipsis, when it is longer. */
export function truncateCell(text: string, maxWidth = MAX_CELL_WIDTH): string {
  const characters = Array.from(text);
  if (characters.length <= maxWidth) return text;
  return `${characters.slice(0, maxWidth - 1).join('')}…`;
}

/**
 * Formats rows as a plain-text table with a header and a rule under it. Columns whose header
 * is listed in `alignRight` are right-aligned (counts); the rest are left-aligned. Control and
 * bidirectional formatting characters in cells are replaced by U+FFFD, and cells of every
 * column but the last are cut to MAX_CELL_WIDTH characters, so one long value cannot widen
 * every row. The last column is not padded, so it is printed whole.
 */
export function formatTable(
  headers: string[],
  rows: (string | number)[][],
  alignRight: string[] = [],
): string[] {
  const last = headers.length - 1;
  const cells = rows.map((row) =>
    row.map((cell, column) => {
      const text = replaceControlCharacters(String(cell));
      return column < last ? truncateCell(text) : text;
    }),
  );
  // The last column's width only sets its rule, so a long last cell does not lengthen the rule.
  const widths = headers.map((header, column) => {
    let widest = 0;
    for (const row of cells) widest = Math.max(widest, Array.from(row[column] ?? '').length);
    return Math.max(header.length, column < last ? widest : Math.min(widest, MAX_CELL_WIDTH));
  });
  const right = new Set(alignRight);
  const pad = (cell: string, width: number, toRight: boolean) => {
    const fill = ' '.repeat(Math.max(0, width - Array.from(cell).length));
    return toRight ? fill + cell : cell + fill;
  };
  const render = (row: string[]) =>
    row
      .map((cell, column) => pad(cell, widths[column] ?? 0, right.has(headers[column] ?? '')))
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
