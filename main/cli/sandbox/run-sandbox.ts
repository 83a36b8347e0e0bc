import type { RunSummary } from '../../../shared/sync.js';
import { EXIT, type ExitCode } from '../errors.js';
import { formatTable } from '../output.js';
import { printProgress } from '../progress.js';
import { buildSyncReport, exitCodeFor, formatSyncReport, type SyncReport } from '../run-report.js';
import { SANDBOX_CREDENTIALS, type Sandbox } from './environment.js';
import { runOrderScenario, type OrderScenarioResult } from './orders-scenario.js';

/** The summary `sandbox --json` prints. */
export interface SandboxSummary {
  ok: boolean;
  exitCode: ExitCode;
  dataDir: string;
  simulators: { dear: string; upstock: string };
  dear: { company: string; currency: string };
  upstock: { supplier: string };
  selectedProducts: number;
  servicesLeftOut: number;
  import: SyncReport;
  orders: OrderScenarioResult['orders'];
  orderRuns: SyncReport;
  /** Calls each simulator received during the run (the agent's own count is in each report). */
  apiCalls: { dear: number; upstock: number };
}

/**
 * Runs the sandbox once: connects to both simulators, reads the catalog, selects the stock
 * products (never services), runs a full import cycle and the order scenario. `write` receives
 * the progress and step lines. Returns the summary; throws what the engine or a control call
 * throws.
 */
export async function runSandboxOnce(
  sandbox: Sandbox,
  write: (line: string) => void,
): Promise<SandboxSummary> {
  const { engine } = sandbox;
  write(`Cin7 Core simulator: ${sandbox.dear.url}`);
  write(`Upstock simulator: ${sandbox.upstock.url}`);
  write(`Data folder: ${sandbox.dataDir}`);

  const dear = await engine.connectDear({
    accountId: SANDBOX_CREDENTIALS.accountId,
    applicationKey: SANDBOX_CREDENTIALS.applicationKey,
  });
  const upstock = await engine.connectUpstock(SANDBOX_CREDENTIALS.upstockToken);
  write(
    `Connected to Cin7 Core (${dear.company}, ${dear.currency}) and Upstock (${upstock.supplier})`,
  );

  const stopProgress = printProgress(engine, write);
  try {
    const importRuns: RunSummary[] = [];
    for (const job of ['reference', 'products'] as const) {
      importRuns.push(...(await engine.syncNow({ job, trigger: 'sandbox' })));
    }
    const catalog = engine.listProducts({ limit: 1000, includeServices: true }).products;
    const stock = catalog.filter((product) => product.type.toLowerCase() !== 'service');
    engine.selectProducts(stock.map((product) => product.id));
    write(
      `Selected ${stock.length} stock products; left out ${catalog.length - stock.length} services`,
    );

    importRuns.push(...(await engine.syncNow({ trigger: 'sandbox', mode: 'full' })));
    const importReport = buildSyncReport(importRuns);

    write('Order scenario:');
    const scenario = await runOrderScenario(sandbox, engine, (line) => write(`  ${line}`));
    const orderRuns = buildSyncReport(scenario.runs);

    const importExit = exitCodeFor(importReport, engine.status());
    const ordersOk = scenario.orders.every((order) => order.asExpected);
    let exitCode: ExitCode = importExit;
    if (exitCode === EXIT.ok && !ordersOk) exitCode = EXIT.recordsFailed;
    return {
      ok: exitCode === EXIT.ok,
      exitCode,
      dataDir: sandbox.dataDir,
      simulators: { dear: sandbox.dear.url, upstock: sandbox.upstock.url },
      dear,
      upstock,
      selectedProducts: stock.length,
      servicesLeftOut: catalog.length - stock.length,
      import: importReport,
      orders: scenario.orders,
      orderRuns,
      apiCalls: { dear: sandbox.dear.callCount, upstock: sandbox.upstock.callCount },
    };
  } finally {
    stopProgress();
  }
}

/** Formats the summary as the tables a person reads at the end of a sandbox run. */
export function formatSandboxSummary(summary: SandboxSummary): string[] {
  const lines = ['', 'Import summary:', ...formatSyncReport(summary.import), '', 'Orders:'];
  const rows = summary.orders.map((order) => [
    order.orderNumber,
    order.customer,
    order.scenario,
    order.ledgerState ?? '-',
    order.saleNumber ?? '-',
    order.upstockStatus,
    order.asExpected ? 'yes' : `no (expected ${order.expected})`,
  ]);
  lines.push(
    ...formatTable(
      ['order', 'customer', 'scenario', 'push', 'sale', 'Upstock', 'as expected'],
      rows,
    ),
  );
  for (const order of summary.orders) {
    if (order.parkReason) lines.push(`  ${order.orderNumber} parked: ${order.parkReason}`);
  }
  lines.push(
    '',
    `API calls received: Cin7 Core simulator ${summary.apiCalls.dear}, Upstock simulator ${summary.apiCalls.upstock}`,
    summary.ok
      ? 'Sandbox run succeeded.'
      : `Sandbox run finished with problems (exit status ${summary.exitCode}).`,
  );
  return lines;
}
