import { EventEmitter } from 'node:events';
import type { Settings } from '../shared/settings.js';
import type { OrderAttentionRow } from '../shared/ipc.js';
import type {
  AgentStatus,
  ConnectionStatus,
  JobName,
  JobProgress,
  RunSummary,
  RunTrigger,
} from '../shared/sync.js';
import type { DearClient } from './dear/client.js';
import { forgetSharedLimiter } from './dear/limiter.js';
import {
  catalogFacets,
  listCatalogProducts,
  selectCatalogProducts,
} from './engine/catalog-view.js';
import {
  createDearClient,
  createUpstockClient,
  readStoredCredentials,
  type ClientOverrides,
  type EnvironmentCredentials,
  type SecretVault,
} from './engine/credentials.js';
import { applyCheck, checkConnection, type ConnectionChecks } from './engine/connection-check.js';
import { buildStatus } from './engine/status.js';
import type { CatalogQuery, DearCredentials, DeepPartial, EngineApi } from './engine-types.js';
import { getLogger, registerSecret } from './log/logger.js';
import { listOrdersNeedingAttention, retryOrder } from './orders/attention.js';
import { ledgerFor } from './orders/ledger.js';
import { ordersJob } from './orders/orders-job.js';
import { shipmentsJob } from './orders/shipments.js';
import { openStore } from './store/open.js';
import type { Store } from './store/types.js';
import type { Job } from './sync/job.js';
import { customersJob } from './sync/jobs/customers.js';
import { pricesJob } from './sync/jobs/prices.js';
import { productsJob } from './sync/jobs/products.js';
import { referenceJob } from './sync/jobs/reference.js';
import type { GroupLockTiming } from './sync/group-lock.js';
import { JobRunner } from './sync/runner.js';
import { IMPORT_SEQUENCE, Scheduler } from './sync/scheduler.js';
import type { UpstockClient } from './upstock/client.js';

const log = getLogger('app');

/** Runner group of the order jobs: both write the order ledger, so they run one at a time. */
export const ORDERS_GROUP = 'orders';

/** The group each built-in job runs in; `registerJob` uses it unless the caller passes a group. */
const JOB_GROUPS: Partial<Record<JobName, string>> = {
  reference: 'catalog',
  products: 'catalog',
  customers: 'catalog',
  prices: 'catalog',
  orders: ORDERS_GROUP,
  shipments: ORDERS_GROUP,
};

/** The settings the engine reads and writes (`SettingsStore` fits it). */
export interface SettingsSource {
  get(): Settings;
  update(patch: DeepPartial<Settings>): Settings;
}

export interface EngineOptions extends ClientOverrides {
  /** Folder of the SQLite store (`agent.sqlite`). */
  dataDir: string;
  settingsStore: SettingsSource;
  /** The keychain; connecting stores secrets here. */
  vault?: SecretVault;
  /** Headless credentials from the environment; used instead of the vault when given. */
  envCredentials?: EnvironmentCredentials;
  /** Cross-process job lock times (tests shorten them); the runner's defaults otherwise. */
  lockTiming?: Partial<GroupLockTiming>;
}

interface EngineEvents {
  status: [AgentStatus];
  progress: [JobProgress];
}

const disconnected = (): ConnectionStatus => ({
  connected: false,
  accountName: null,
  problem: null,
});

/**
 * The agent's engine: owns the store, the Cin7 Core and Upstock clients, the job runner and
 * the scheduler. The CLI and the Electron shell drive it through `EngineApi`; it never
 * imports `electron`. Call `start()` before use and `stop()` at the end.
 */
export class Engine implements EngineApi {
  readonly store: Store;
  readonly runner: JobRunner;
  private readonly scheduler: Scheduler;
  private readonly events = new EventEmitter<EngineEvents>();
  private dear: DearClient | null = null;
  private upstock: UpstockClient | null = null;
  private dearKey: { accountId: string; applicationKey: string } | null = null;
  private dearStatus = disconnected();
  private upstockStatus = disconnected();
  private attentionCounter: () => number = () => ledgerFor(this.store).countParked();

  constructor(private readonly options: EngineOptions) {
    this.store = openStore(options.dataDir);
    this.runner = new JobRunner({
      store: this.store,
      settings: () => this.settings(),
      clients: () =>
        this.dear && this.upstock ? { dear: this.dear, upstock: this.upstock } : null,
      ...(options.lockTiming ? { lockTiming: options.lockTiming } : {}),
    });
    for (const job of [referenceJob, productsJob, customersJob, pricesJob, ordersJob, shipmentsJob])
      this.registerJob(job);
    this.scheduler = new Scheduler(
      this.runner,
      () => this.settings(),
      this.store.cursors,
      () => this.emitStatus(),
    );

    this.runner.on('progress', (progress) => this.events.emit('progress', progress));
    this.runner.on('run-started', () => this.emitStatus());
    this.runner.on('run-finished', () => this.emitStatus());
    this.runner.on('lock-wait', () => this.emitStatus());
    this.runner.on('connection', ({ service, problem }) => {
      const status = service === 'dear' ? this.dearStatus : this.upstockStatus;
      if (status.problem === problem) return;
      status.problem = problem;
      this.emitStatus();
    });
  }

  /**
   * Registers a job with the runner, replacing the one of the same name (tests and the sandbox
   * pass jobs with other options). It runs on its schedule in `settings.schedules`, in the
   * group given, else the built-in group of that job name, else a group of its own. The
   * engine registers the import, orders and shipments jobs itself.
   */
  registerJob(job: Job, options: { group?: string } = {}): void {
    this.runner.register(job, { group: options.group ?? JOB_GROUPS[job.name] ?? job.name });
  }

  /**
   * Replaces how the tray counts orders that need the merchant's attention; by default the
   * parked orders in the order ledger.
   */
  setAttentionCounter(counter: () => number): void {
    this.attentionCounter = counter;
  }

  /** Returns the Cin7 Core and Upstock clients, or null unless both sides are connected. */
  clients(): { dear: DearClient; upstock: UpstockClient } | null {
    return this.dear && this.upstock ? { dear: this.dear, upstock: this.upstock } : null;
  }

  status(): AgentStatus {
    return buildStatus({
      store: this.store,
      runner: this.runner,
      scheduler: this.scheduler,
      dear: this.dearStatus,
      upstock: this.upstockStatus,
      ordersNeedingAttention: this.attentionCounter(),
    });
  }

  async connectDear(credentials: DearCredentials): Promise<{ company: string; currency: string }> {
    const accountId = credentials.accountId.trim();
    const applicationKey = credentials.applicationKey.trim();
    registerSecret(applicationKey);
    const client = createDearClient(this.settings(), this.options, { accountId, applicationKey });
    const me = await client.me();

    if (!this.options.envCredentials) await this.options.vault?.setDearKey(applicationKey);
    this.options.settingsStore.update({ dear: { accountId } });
    this.dear = client;
    this.dearKey = { accountId, applicationKey };
    this.dearStatus = { connected: true, accountName: me.company, problem: null };
    log.info(`Connected to Cin7 Core account ${accountId} (${me.company}, ${me.currency})`);
    this.emitStatus();
    return { company: me.company, currency: me.currency };
  }

  async connectUpstock(token: string): Promise<{ supplier: string }> {
    const trimmed = token.trim();
    registerSecret(trimmed);
    const client = createUpstockClient(this.settings(), this.options, trimmed);
    const account = await client.account();

    if (!this.options.envCredentials) await this.options.vault?.setUpstockToken(trimmed);
    this.upstock = client;
    this.upstockStatus = { connected: true, accountName: account.name, problem: null };
    log.info(`Connected to Upstock supplier ${account.supplierId} (${account.name})`);
    this.emitStatus();
    return { supplier: account.name };
  }

  /**
   * Calls Cin7 Core `me` and Upstock `account` with the stored credentials, both at once, and
   * records the outcome in the status (account names, or the problem). Returns each side's
   * outcome; a side without stored credentials is `not-connected` and is not called. Throws
   * only for errors other than rejected credentials and unreachable services.
   */
  async checkConnections(): Promise<ConnectionChecks> {
    const dear = this.dear;
    const upstock = this.upstock;
    const [dearCheck, upstockCheck] = await Promise.all([
      checkConnection(dear ? async () => (await dear.me()).company : null),
      checkConnection(upstock ? async () => (await upstock.account()).name : null),
    ]);
    this.dearStatus = applyCheck(this.dearStatus, dearCheck);
    this.upstockStatus = applyCheck(this.upstockStatus, upstockCheck);
    log.info(
      `Checked the stored credentials: Cin7 Core ${dearCheck.state}, Upstock ${upstockCheck.state}`,
    );
    this.emitStatus();
    return { dear: dearCheck, upstock: upstockCheck };
  }

  async disconnect(options: { keepData: boolean }): Promise<void> {
    this.scheduler.stop();
    this.runner.cancelAll('disconnecting');
    await this.runner.idle();
    if (!this.options.envCredentials) await this.options.vault?.clear();
    if (this.dearKey) forgetSharedLimiter(this.dearKey.accountId, this.dearKey.applicationKey);
    this.options.settingsStore.update({ dear: { accountId: null } });
    this.dear = null;
    this.upstock = null;
    this.dearKey = null;
    this.dearStatus = disconnected();
    this.upstockStatus = disconnected();
    if (!options.keepData) this.store.wipe();
    log.info(`Disconnected${options.keepData ? '' : ' and deleted the local data'}`);
    this.emitStatus();
  }

  listProducts(query: CatalogQuery) {
    return listCatalogProducts(this.store, query);
  }

  productFacets() {
    return catalogFacets(this.store);
  }

  /** Throws ServiceSelectionError, selecting nothing, when an ID is a Cin7 Core service. */
  selectProducts(ids: string[]): number {
    const changed = selectCatalogProducts(this.store, ids);
    log.info(`Selected ${changed} products for Upstock`);
    return changed;
  }

  deselectProducts(ids: string[]): number {
    const changed = this.store.selection.deselect(ids);
    log.info(`Deselected ${changed} products`);
    return changed;
  }

  async syncNow(
    options: { job?: JobName; trigger?: RunTrigger; mode?: 'incremental' | 'full' } = {},
  ): Promise<RunSummary[]> {
    const request = {
      trigger: options.trigger ?? 'manual',
      mode: options.mode ?? 'incremental',
    } as const;
    if (options.job) return [await this.runner.run(options.job, request)];
    return this.runner.runSequence(IMPORT_SEQUENCE, request);
  }

  ordersNeedingAttention(): OrderAttentionRow[] {
    return listOrdersNeedingAttention(this.store);
  }

  /**
   * Marks a parked order for another push and, when both sides are connected, runs the orders
   * job and waits for it. Throws OrderNotParkedError when the order is not parked. Unconnected,
   * the order is pushed by the first orders run after connecting.
   */
  async retryOrder(orderId: string): Promise<void> {
    retryOrder(this.store, orderId);
    log.info(`Order ${orderId} marked for another push`);
    this.emitStatus();
    if (!this.clients()) {
      log.info(`Order ${orderId} is pushed once Cin7 Core and Upstock are both connected`);
      return;
    }
    const summary = await this.runner.run('orders', { trigger: 'manual', mode: 'incremental' });
    log.info(`Orders run ${summary.id} after the retry of order ${orderId}: ${summary.status}`);
  }

  pause(until: Date | null): void {
    this.scheduler.pause(until);
  }

  /** Lifts a pause and, when both sides are connected, starts a sync at once. */
  resume(): void {
    this.scheduler.resume();
    if (this.clients()) void this.syncNow({ trigger: 'resume' });
  }

  runs(options?: { job?: JobName; limit?: number }): RunSummary[] {
    return this.store.runs.list(options);
  }

  settings(): Settings {
    return this.options.settingsStore.get();
  }

  updateSettings(patch: DeepPartial<Settings>): Settings {
    const saved = this.options.settingsStore.update(patch);
    if (patch.schedules) this.scheduler.reschedule();
    if (patch.dear || patch.upstock) void this.reconnectFromStore();
    this.emitStatus();
    return saved;
  }

  on(event: 'status', listener: (status: AgentStatus) => void): () => void;
  on(event: 'progress', listener: (progress: JobProgress) => void): () => void;
  on(event: 'status' | 'progress', listener: (value: never) => void): () => void {
    this.events.on(event, listener as (value: unknown) => void);
    return () => this.events.off(event, listener as (value: unknown) => void);
  }

  /**
   * Marks as failed the runs left "running" by a process that is gone (a live desktop app's
   * runs are left alone), connects with the stored credentials (without calling either
   * service) and, unless `schedule` is false, starts the scheduler. One-shot commands pass
   * `schedule: false`. Throws what reading the credentials throws (no keychain, for example).
   */
  async start(options: { schedule?: boolean } = {}): Promise<void> {
    const abandoned = this.store.runs.failAbandoned('The agent stopped during this run');
    if (abandoned > 0)
      log.warn(`Marked ${abandoned} runs left running by an earlier stop as failed`);
    await this.reconnectFromStore();
    if (options.schedule === false) log.info('Engine started without the scheduler');
    else this.scheduler.start();
    this.emitStatus();
  }

  /** Stops the scheduler, cancels running jobs, waits for them and closes the store. */
  async stop(): Promise<void> {
    this.scheduler.stop();
    this.runner.cancelAll('the agent is stopping');
    await this.runner.idle();
    this.store.close();
  }

  /** Builds the clients from the stored credentials; a missing credential leaves that side off. */
  private async reconnectFromStore(): Promise<void> {
    const settings = this.settings();
    const stored = await readStoredCredentials(settings, {
      vault: this.options.vault,
      env: this.options.envCredentials,
    });
    if (stored.accountId && stored.applicationKey) {
      this.dearKey = { accountId: stored.accountId, applicationKey: stored.applicationKey };
      this.dear = createDearClient(settings, this.options, this.dearKey);
      const me = this.store.catalog.getReference('me')?.raw as
        { company?: string; Company?: string } | undefined;
      const company = me?.company ?? me?.Company;
      this.dearStatus = { connected: true, accountName: company ?? null, problem: null };
    }
    if (stored.upstockToken) {
      this.upstock = createUpstockClient(settings, this.options, stored.upstockToken);
      this.upstockStatus = { ...this.upstockStatus, connected: true };
    }
  }

  private emitStatus(): void {
    if (this.events.listenerCount('status') === 0) return;
    this.events.emit('status', this.status());
  }
}

/**
 * Creates the engine: opens (and migrates) the store in `dataDir`. Throws the store's open
 * errors (`StoreCorruptError`, `StoreTooNewError`). Call `start()` to connect and schedule.
 */
export function createEngine(options: EngineOptions): Engine {
  return new Engine(options);
}
