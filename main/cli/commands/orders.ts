import type { Command } from 'commander';

import {
  listOrdersNeedingAttention,
  OrderNotParkedError,
  retryOrder,
} from '../../orders/attention.js';
import type { OrderAttentionRow } from '../../../shared/ipc.js';
import { ledgerFor } from '../../orders/ledger.js';
import { withSession } from '../command-runner.js';
import { CliError, EXIT } from '../errors.js';
import { formatTable, formatTime } from '../output.js';
import { buildSyncReport, describeFailure, exitCodeFor } from '../run-report.js';
import { startConnected, type AgentSession } from '../session.js';

/** Labels that `orders attention` prints for each kind of row. */
const KIND_LABELS: Record<OrderAttentionRow['kind'], string> = {
  parked: 'parked',
  'edited-after-push': 'edited after push',
  'totals-changed-in-cin7': 'total changed in Cin7 Core',
};

async function attention(session: AgentSession): Promise<number> {
  const orders = listOrdersNeedingAttention(session.engine.store);
  if (session.json) {
    session.output.json({ total: orders.length, orders });
    return EXIT.ok;
  }
  if (orders.length === 0) {
    session.output.line('No orders need attention.');
    return EXIT.ok;
  }
  const rows = orders.map((order) => [
    order.orderNumber,
    KIND_LABELS[order.kind],
    order.customer,
    formatTime(order.since),
    order.orderId,
    order.reason,
  ]);
  for (const line of formatTable(
    ['order', 'kind', 'customer', 'since', 'order ID', 'reason'],
    rows,
  ))
    session.output.line(line);
  session.output.line();
  if (orders.some((order) => order.kind === 'parked')) {
    session.output.line(
      'Parked: fix the cause in Cin7 Core or Upstock, then `agent orders retry ORDER_NUMBER`.',
    );
  }
  if (orders.some((order) => order.kind === 'edited-after-push')) {
    session.output.line(
      'Edited after push: Upstock and Cin7 Core now differ. The agent does not update a pushed ' +
        'sale, so change the sale in Cin7 Core by hand; a retry does not apply.',
    );
  }
  if (orders.some((order) => order.kind === 'totals-changed-in-cin7')) {
    session.output.line(
      'Total changed in Cin7 Core: Cin7 Core applied its automatic discounts or deals when ' +
        'the sale order was authorised. Check the invoice in Cin7 Core; a retry does not apply.',
    );
  }
  return EXIT.ok;
}

/**
 * Marks a parked order, named by its Upstock order ID or order number, for another push and
 * runs the orders job at once, then reports the order's state in the ledger.
 */
async function retry(session: AgentSession, _options: unknown, args: string[]): Promise<number> {
  const requested = args[0]?.trim() ?? '';
  let orderId: string;
  try {
    orderId = retryOrder(session.engine.store, requested);
  } catch (error) {
    if (error instanceof OrderNotParkedError) {
      throw new CliError(
        `${error.message} See \`agent orders attention\` for the parked orders.`,
        EXIT.usage,
      );
    }
    throw error;
  }

  await startConnected(session);
  const runs = await session.engine.syncNow({ job: 'orders', trigger: 'manual' });
  const report = buildSyncReport(runs);
  const entry = ledgerFor(session.engine.store).get(orderId);
  const state = entry?.state ?? 'unknown';
  const failures = report.failures.filter((failure) => failure.recordId === orderId);

  if (session.json) {
    session.output.json({
      orderId,
      state,
      parkReason: entry?.parkReason ?? null,
      failures,
      runs: report.runs,
    });
  } else {
    session.output.line(`Order ${entry?.orderNumber ?? orderId} is now ${state}.`);
    if (state === 'parked')
      session.output.line(`Still parked: ${entry?.parkReason ?? 'no reason recorded'}`);
    for (const failure of failures) session.output.line(describeFailure(failure));
  }
  if (state === 'parked') return EXIT.recordsFailed;
  // Failures of other orders in the same run are listed by `orders attention`, not here.
  const exitCode = exitCodeFor(report, session.engine.status());
  return exitCode === EXIT.recordsFailed ? EXIT.ok : exitCode;
}

/** Adds `orders attention` and `orders retry` to the program. */
export function registerOrderCommands(program: Command): void {
  const orders = program
    .command('orders')
    .description('Approved Upstock orders pushed to Cin7 Core');

  orders
    .command('attention')
    .description('List the orders parked as needing attention, with the reason')
    .option('--json', 'print the orders as JSON')
    .action(withSession(attention));

  orders
    .command('retry')
    .description('Push a parked order again now (after fixing its cause)')
    .argument(
      '<ORDER>',
      'ORDER_ID or order number (such as UP-1003) of a parked order, as `orders attention` shows',
    )
    .option('--json', 'print the result as JSON')
    .action(withSession(retry));
}
