/**
 * `npm run sim -- dear|upstock`: starts one simulator alone on 127.0.0.1, for demos and outside
 * test harnesses. Prints one JSON line with the URLs once it listens, then serves until Ctrl+C.
 */
import { Command, InvalidArgumentError, Option } from 'commander';

import { configureLogging } from '../log/logger.js';
import { resolveSeed } from '../sample/seed-option.js';
import { startDearSimulator } from '../simulators/dear/server.js';
import { defaultToken, startUpstockSimulator } from '../simulators/upstock/server.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(
      `"${value}" is not a port number (0-65535; 0 picks a free one).`,
    );
  }
  return port;
}

function parsePositive(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidArgumentError(`"${value}" must be a whole number of at least 1.`);
  }
  return number;
}

function waitForShutdown(close: () => Promise<void>): void {
  const stop = () => {
    close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const program = new Command('sim').description(
  'Start a Cin7 Core or Upstock simulator on 127.0.0.1',
);

program
  .command('dear')
  .description('Cin7 Core API v2 simulator')
  .addOption(
    new Option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)')
      .default(0)
      .argParser(parsePort),
  )
  .option('--seed <seed>', 'sample | large:PRODUCTSxCUSTOMERS | FILE.json', 'sample')
  .addOption(
    new Option('--rate-calls <n>', 'calls allowed per rate window')
      .default(60)
      .argParser(parsePositive),
  )
  .addOption(
    new Option('--rate-window-ms <ms>', 'rate window length in milliseconds (60000 is real time)')
      .default(60_000)
      .argParser(parsePositive),
  )
  .addOption(
    new Option('--throttle <mode>', 'status sent when over the limit')
      .choices(['429', '503'])
      .default('429'),
  )
  .action(
    async (options: {
      port: number;
      seed: string;
      rateCalls: number;
      rateWindowMs: number;
      throttle: '429' | '503';
    }) => {
      configureLogging({ consoleLevel: 'warn' });
      const seed = await resolveSeed(options.seed);
      const sim = await startDearSimulator({
        port: options.port,
        seed,
        rateLimit: { calls: options.rateCalls, windowMs: options.rateWindowMs },
        throttleMode: options.throttle,
      });
      console.log(JSON.stringify({ simulator: 'dear', url: sim.url, controlUrl: sim.controlUrl }));
      waitForShutdown(() => sim.close());
    },
  );

program
  .command('upstock')
  .description('Upstock agent API simulator')
  .addOption(
    new Option('--port <port>', 'port on 127.0.0.1 (0 picks a free one)')
      .default(0)
      .argParser(parsePort),
  )
  .option('--token <token>', 'bearer token the simulator accepts', defaultToken)
  .action(async (options: { port: number; token: string }) => {
    configureLogging({ consoleLevel: 'warn' });
    const sim = await startUpstockSimulator({ port: options.port, token: options.token });
    console.log(
      JSON.stringify({ simulator: 'upstock', url: sim.url, controlUrl: `${sim.origin}_control/` }),
    );
    waitForShutdown(() => sim.close());
  });

await program.parseAsync(process.argv);
