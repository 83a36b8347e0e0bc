import type { Command } from 'commander';

import { getLogger } from '../log/logger.js';
import type { GlobalOptions } from './config.js';
import { consoleOutput } from './output.js';
import { describeError } from './errors.js';
import { openSession, type AgentSession } from './session.js';

/** A command's work: returns the exit status, or throws an error to report as one line. */
export type SessionHandler<O> = (
  session: AgentSession,
  options: O & GlobalOptions,
  args: string[],
) => Promise<number>;

/**
 * Wraps a handler as a commander action: opens the data folder, runs the handler, closes the
 * engine, and sets `process.exitCode`. An error is printed as one line on standard error (with
 * the stack trace only under --verbose) and logged to the agent log.
 */
export function withSession<O>(
  handler: SessionHandler<O>,
): (...actionArgs: unknown[]) => Promise<void> {
  return async (...actionArgs: unknown[]) => {
    const command = actionArgs.at(-1) as Command;
    const options = command.optsWithGlobals<O & GlobalOptions>();
    const output = consoleOutput();
    let session: AgentSession | null = null;
    try {
      session = openSession(options, output);
      process.exitCode = await handler(session, options, command.args);
    } catch (error) {
      const { message, exitCode } = describeError(error);
      output.note(`Error: ${message}`);
      if (options.verbose && error instanceof Error && error.stack) output.note(error.stack);
      if (session) getLogger('app').error(`Command "${command.name()}" failed: ${message}`, error);
      process.exitCode = exitCode;
    } finally {
      await session?.close().catch((error: unknown) => {
        output.note(`Error while closing the data folder: ${describeError(error).message}`);
      });
    }
  };
}
