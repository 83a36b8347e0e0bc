import { createInterface } from 'node:readline/promises';

import { CliError, EXIT } from './errors.js';

const ENTER = new Set(['\r', '\n', '\u0004']);
const CTRL_C = '\u0003';
const BACKSPACE = new Set(['\u007f', '\b']);

/** True when both standard input and standard error are terminals, so a question can be asked. */
export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/**
 * Asks for a secret on the terminal without echoing what is typed, and returns it trimmed.
 * Assumes `canPrompt()`; throws CliError when the user presses Ctrl+C or enters nothing.
 */
export function promptSecret(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();

  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error: CliError | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else if (typed.trim() === '')
        reject(new CliError('Nothing was entered; connect again and type the value.', EXIT.usage));
      else resolve(typed.trim());
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (ENTER.has(character)) return finish(null);
        if (character === CTRL_C)
          return finish(new CliError('Cancelled at the prompt.', EXIT.error));
        if (BACKSPACE.has(character)) typed = typed.slice(0, -1);
        else typed += character;
      }
    };
    input.on('data', onData);
  });
}

/**
 * Asks a yes/no question on the terminal and returns the answer; an empty answer returns
 * `defaultAnswer`. Assumes `canPrompt()`. Asks again, at most 3 times, on any other answer,
 * then throws CliError.
 */
export async function askYesNo(question: string, defaultAnswer: boolean): Promise<boolean> {
  const readline = createInterface({ input: process.stdin, output: process.stderr });
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = (await readline.question(`${question} ${defaultAnswer ? '[Y/n]' : '[y/N]'} `))
        .trim()
        .toLowerCase();
      if (answer === '') return defaultAnswer;
      if (answer === 'y' || answer === 'yes') return true;
      if (answer === 'n' || answer === 'no') return false;
    }
  } finally {
    readline.close();
  }
  throw new CliError('No yes or no answer was given; run the command again.', EXIT.usage);
}
