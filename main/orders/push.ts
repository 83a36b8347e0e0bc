import { DearApiError, DearCredentialsError } from '../dear/errors.js';
import { getLogger } from '../log/logger.js';
import type { WireOrder } from '../upstock/wire.js';
import { DEFAULT_LEASE_SECONDS, HeldClaim, upstockProblemCase } from './claim.js';
import {
  UNFINISHED_STATES,
  type EditedAfterPush,
  type LedgerEntry,
  type OrderLedger,
  type TotalsChangedInCin7,
} from './ledger.js';
import { mapApprovedOrder } from './mapping/map-order.js';
import type {
  DearSaleOrderRequest,
  MappingResult,
  OrderSettings,
  ParkReason,
} from './mapping/types.js';
import type { MappingInputs } from './inputs.js';
import type { OrdersDearPort, OrdersUpstockPort } from './ports.js';
import { checkAuthorisedTotal } from './authorised-total.js';
import { resumeSale, resumeSaleOrder } from './push-steps.js';
import { isTaxRejection, remapAfterTaxChange } from './tax-recheck.js';

const log = getLogger('orders');

/**
 * Step boundaries of a push. A `*-posted` boundary is right after the API call returned and
 * before the ledger records it, the window in which a crash leaves the ledger uncertain.
 */
export type PushStep =
  | 'claimed'
  | 'sale-requested'
  | 'sale-posted'
  | 'sale-created'
  | 'order-requested'
  | 'order-posted'
  | 'order-created'
  | 'state-posted'
  | 'state-recorded'
  | 'parked';

export const PUSH_STEPS: readonly PushStep[] = [
  'claimed',
  'sale-requested',
  'sale-posted',
  'sale-created',
  'order-requested',
  'order-posted',
  'order-created',
  'state-posted',
  'state-recorded',
];

/** Dependencies of a push. One instance serves a whole orders run. */
export interface PushContext {
  dear: OrdersDearPort;
  upstock: OrdersUpstockPort;
  ledger: OrderLedger;
  inputs: MappingInputs;
  settings: OrderSettings;
  /** Stable per data folder, so a restarted agent reclaims its own orders at once. */
  agentId: string;
  /** The Upstock supplier account ID, the middle part of every sale's ExternalID. */
  supplierId: string;
  leaseSeconds?: number;
  /** Called at each step boundary; the crash tests stop the process here. */
  afterStep?: (step: PushStep, orderId: string) => void;
  signal?: AbortSignal;
}

/** The result of one push attempt. */
export type PushOutcome =
  /** `totalsChanged` is set when Cin7 Core changed the sale order total on authorisation. */
  | {
      kind: 'pushed';
      saleId: string;
      saleNumber: string | null;
      totalsChanged?: TotalsChangedInCin7;
    }
  | { kind: 'parked'; reason: ParkReason }
  /** Pushed earlier by this agent; nothing was sent. `edit` is set when Upstock changed it since. */
  | { kind: 'already-pushed'; edit?: EditedAfterPush }
  /** Parked earlier and no retry was requested; nothing was sent. */
  | { kind: 'waiting' }
  /**
   * Upstock marks it as needing attention and this agent has no retry for it in its ledger,
   * so nothing was sent. `detail` is the reason recorded in Upstock.
   */
  | { kind: 'needs-attention'; detail: string }
  /** Another agent pushed it as a sale; that agent reports its shipment. */
  | { kind: 'pushed-elsewhere'; detail: string }
  /** Another agent has its claim now, so a later run looks at it again. */
  | { kind: 'claimed-elsewhere'; detail: string }
  /** No longer approved (cancelled or shipped) before this agent claimed it. */
  | { kind: 'not-claimable'; detail: string }
  /** A transient failure stopped the push; the ledger keeps the step for the next run. */
  | { kind: 'unfinished'; error: unknown };

/** How many transient failures one push absorbs before leaving the order for the next run. */
const MAX_TRANSIENT_FAILURES = 3;

/**
 * Park codes of an order whose sale is voided or gone. Only a person's retry pushes such an
 * order again, and that retry creates a new sale.
 */
const SALE_GONE_PARKS: ReadonlySet<string | null> = new Set(['sale-voided', 'sale-missing']);

/**
 * Pushes one approved Upstock order to Cin7 Core as a sale, exactly once. The ledger row records
 * how far an earlier attempt got; the push resumes from there under a fresh claim. Before a
 * sale is created while an earlier attempt may have reached Cin7 Core (a `sale-requested`
 * row, a repeated attempt, or an order another agent touched), the sale is looked up by
 * ExternalID first. Parks the order, in the ledger and in Upstock, when it cannot be mapped
 * or Cin7 Core rejects it. Throws DearCredentialsError and errors of the ledger; returns
 * every other failure as `unfinished`.
 */
export async function pushOrder(listed: WireOrder, ctx: PushContext): Promise<PushOutcome> {
  const before = ctx.ledger.get(listed.id);
  const skip = skipWithoutClaim(listed, before, ctx);
  if (skip) return skip;

  const leaseSeconds = ctx.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  let claim: HeldClaim;
  try {
    const wire = await ctx.upstock.claimOrder(listed.id, ctx.agentId, leaseSeconds);
    claim = new HeldClaim(ctx.upstock, listed.id, wire.claimToken, leaseSeconds);
  } catch (error) {
    const problem = upstockProblemCase(error);
    if (problem === 'claim-conflict') {
      log.info(`Order ${listed.number} (${listed.id}) is claimed by another agent; skipped`);
      return { kind: 'claimed-elsewhere', detail: describe(error) };
    }
    if (problem === 'order-not-claimable') {
      log.info(`Order ${listed.number} (${listed.id}) is no longer approved; skipped`);
      return { kind: 'not-claimable', detail: describe(error) };
    }
    return unfinished(listed, error);
  }

  try {
    // The listing may be minutes old: read the order again under the claim.
    const order = await ctx.upstock.getOrder(listed.id);
    const again = skipWithoutClaim(order, ctx.ledger.get(order.id), ctx);
    if (again) return again;
    return await pushClaimed(order, claim, ctx);
  } catch (error) {
    if (error instanceof DearCredentialsError) throw error;
    return unfinished(listed, error);
  } finally {
    await claim.release().catch((error: unknown) => {
      log.warn(`Could not release the claim on order ${listed.id}; its lease will expire`, error);
    });
  }
}

/**
 * Returns an outcome when the order needs no claim: pushed, parked, or another agent's. An
 * order that Upstock marks as needing attention is left alone unless this agent's ledger has
 * a retry for it, has an unfinished push of it, or parked it without a sale and the order was
 * edited since. So an agent with a new data folder never pushes an order that another agent
 * parked, such as one whose sale the merchant voided.
 */
function skipWithoutClaim(
  order: WireOrder,
  entry: LedgerEntry | null,
  ctx: PushContext,
): PushOutcome | null {
  if (entry?.state === 'pushed') {
    if (order.version === entry.orderVersion) return { kind: 'already-pushed' };
    const edit = ctx.ledger.noteEditedAfterPush(
      order.id,
      order.version,
      order.updatedAt,
      order.totals.total,
    );
    log.warn(
      `Order ${order.number} (${order.id}) changed in Upstock after it was pushed as sale ` +
        `${entry.saleNumber ?? entry.saleId} (version ${entry.orderVersion} → ${order.version}, ` +
        `total before tax ${edit.pushedTotal ?? 'unknown'} → ${edit.total}); changes after ` +
        'approval are not synced, so edit the sale in Cin7 Core if needed',
    );
    return { kind: 'already-pushed', edit };
  }
  if (entry?.state === 'parked' && !entry.retryRequested) {
    // An edit in Upstock may fix what the park names, but never a voided or missing sale.
    if (entry.orderVersion === order.version || SALE_GONE_PARKS.has(entry.parkCode)) {
      return { kind: 'waiting' };
    }
  }
  const integration = order.integration;
  if (integration.state === 'needs_attention' && !mayActOnAttention(order, entry)) {
    if (entry?.state === 'parked') return { kind: 'waiting' };
    log.info(
      `Order ${order.number} (${order.id}) needs attention in Upstock and this agent has no ` +
        `retry for it; skipped: ${integration.reason ?? 'no reason recorded'}`,
    );
    return { kind: 'needs-attention', detail: integration.reason ?? '' };
  }
  if (integration.state === 'pushed' && entry?.saleId !== integration.saleId) {
    if (entry?.saleId) return null; // Two sales for one order: pushClaimed parks it.
    return {
      kind: 'pushed-elsewhere',
      detail: `pushed as sale ${integration.saleNumber ?? integration.saleId}`,
    };
  }
  return null;
}

/** Returns true when this agent may push an order that Upstock marks as needing attention. */
function mayActOnAttention(order: WireOrder, entry: LedgerEntry | null): boolean {
  if (!entry) return false;
  if (UNFINISHED_STATES.includes(entry.state)) return true;
  if (entry.state !== 'parked') return false;
  if (entry.retryRequested) return true;
  return entry.saleId === null && entry.orderVersion !== order.version;
}

async function pushClaimed(
  order: WireOrder,
  claim: HeldClaim,
  ctx: PushContext,
): Promise<PushOutcome> {
  const touchedBefore = order.integration.updatedAt !== null;
  forgetGoneSale(order, ctx);
  const replacingSale = ctx.ledger.replacingSale(order.id);
  let entry = ctx.ledger.startAttempt({
    id: order.id,
    number: order.number,
    customerName: order.customer.name,
    version: order.version,
    updatedAt: order.updatedAt,
  });
  ctx.afterStep?.('claimed', order.id);

  if (order.integration.state === 'pushed' && order.integration.saleId !== entry.saleId) {
    return parkOrder(order, claim, ctx, {
      code: 'dear-validation',
      message:
        `Upstock records this order as pushed to sale ${order.integration.saleNumber ?? order.integration.saleId}, ` +
        `but this agent created sale ${entry.saleNumber ?? entry.saleId}. Void the duplicate sale in ` +
        'Cin7 Core, then retry the order.',
    });
  }

  let mapping = mapApprovedOrder(
    order,
    ctx.inputs.customer(order.customer.externalId),
    ctx.inputs.reference(ctx.settings.freightProduct),
    ctx.settings,
  );
  if (!mapping.ok) return parkOrder(order, claim, ctx, mapping.park);

  // The sale is looked up by ExternalID only when an earlier attempt may have reached Cin7
  // Core: the ledger is at sale-requested, the attempt is a repeat, or an agent already set the
  // order's integration state. So the happy path costs two Cin7 Core calls. Setting the state
  // to "pending" before the first sale post leaves that trace for any other agent.
  const mayExist = entry.state === 'sale-requested' || entry.attempts > 1 || touchedBefore;
  if (!touchedBefore) {
    await ctx.upstock.setIntegrationState(order.id, { state: 'pending', claimToken: claim.token });
  }

  let transientFailures = 0;
  for (;;) {
    ctx.signal?.throwIfAborted();
    try {
      const done = await advance(order, entry, mapping, claim, ctx, mayExist, replacingSale);
      if (done) return done;
    } catch (error) {
      const rejection = dearRejection(error);
      if (rejection && isTaxRejection(error, ctx.ledger.get(order.id)?.state)) {
        // The tax setup may have changed in Cin7 Core since the reference data was cached.
        const remapped = await remapAfterTaxChange(order, ctx);
        if (remapped && !remapped.ok) return parkOrder(order, claim, ctx, remapped.park);
        if (remapped) {
          mapping = remapped;
          entry = ctx.ledger.get(order.id)!;
          continue;
        }
      }
      if (rejection) return parkOrder(order, claim, ctx, rejection);
      if (error instanceof DearCredentialsError) throw error;
      transientFailures++;
      log.warn(
        `Push of order ${order.number} (${order.id}) failed at ${entry.state} ` +
          `(${transientFailures} of ${MAX_TRANSIENT_FAILURES})`,
        describe(error),
      );
      if (transientFailures >= MAX_TRANSIENT_FAILURES) throw error;
    }
    entry = ctx.ledger.get(order.id)!;
  }
}

/** Runs the step the ledger is at; returns the outcome once the order is pushed or parked. */
async function advance(
  order: WireOrder,
  entry: LedgerEntry,
  mapping: Extract<MappingResult, { ok: true }>,
  claim: HeldClaim,
  ctx: PushContext,
  mayExist: boolean,
  replacingSale: boolean,
): Promise<PushOutcome | null> {
  switch (entry.state) {
    case 'claimed':
    case 'sale-requested': {
      const ambiguous = await resumeSale(
        order,
        entry,
        mapping.sale,
        claim,
        ctx,
        mayExist,
        replacingSale,
      );
      return ambiguous ? parkOrder(order, claim, ctx, ambiguous) : null;
    }
    case 'sale-created':
    case 'order-requested': {
      const conflict = await resumeSaleOrder(order, entry, mapping.saleOrder, claim, ctx);
      return conflict ? parkOrder(order, claim, ctx, conflict) : null;
    }
    case 'order-created':
      return recordPushed(order, entry, mapping.saleOrder, claim, ctx);
    case 'pushed':
      return { kind: 'pushed', saleId: entry.saleId!, saleNumber: entry.saleNumber };
    case 'parked':
      return {
        kind: 'parked',
        reason: { code: 'dear-validation', message: entry.parkReason ?? '' },
      };
  }
}

/**
 * Forgets the voided or missing sale of a parked order that a person asked to retry, so the
 * push starts from the beginning and creates a new sale. The ledger history keeps the old ID.
 */
function forgetGoneSale(order: WireOrder, ctx: PushContext): void {
  const entry = ctx.ledger.get(order.id);
  if (entry?.state !== 'parked' || !entry.retryRequested) return;
  if (!SALE_GONE_PARKS.has(entry.parkCode)) return;
  ctx.ledger.forgetSale(order.id, `retry requested after ${entry.parkCode ?? 'park'}`);
  log.info(
    `Order ${order.number} (${order.id}): sale ${entry.saleNumber ?? ''} ${entry.saleId ?? ''} is ` +
      `${entry.parkCode === 'sale-missing' ? 'gone' : 'voided'} and a retry was requested; ` +
      'creating a new sale',
  );
}

async function recordPushed(
  order: WireOrder,
  entry: LedgerEntry,
  posted: DearSaleOrderRequest,
  claim: HeldClaim,
  ctx: PushContext,
): Promise<PushOutcome> {
  const saleId = entry.saleId!;
  try {
    await ctx.upstock.setIntegrationState(order.id, {
      state: 'pushed',
      saleId,
      saleNumber: entry.saleNumber,
      claimToken: claim.token,
    });
  } catch (error) {
    if (upstockProblemCase(error) !== 'already-pushed') throw error;
    return parkOrder(order, claim, ctx, {
      code: 'dear-validation',
      message:
        `Upstock already records this order as pushed to another sale, and this agent created ` +
        `sale ${entry.saleNumber ?? saleId}. Void the duplicate sale in Cin7 Core.`,
    });
  }
  ctx.afterStep?.('state-posted', order.id);
  ctx.ledger.transition(order.id, 'pushed', { detail: 'recorded in Upstock' });
  ctx.ledger.noteOrderTotal(order.id, order.version, order.totals.total);
  ctx.afterStep?.('state-recorded', order.id);
  log.info(
    `Pushed order ${order.number} (${order.id}) as sale ${entry.saleNumber ?? ''} ${saleId}`,
  );
  const totalsChanged = await checkAuthorisedTotal(order, entry, posted, ctx);
  return totalsChanged
    ? { kind: 'pushed', saleId, saleNumber: entry.saleNumber, totalsChanged }
    : { kind: 'pushed', saleId, saleNumber: entry.saleNumber };
}

/**
 * Parks the order: records the reason in Upstock first (as needs attention, keeping any sale
 * ID), then in the ledger. A crash in between leaves the ledger at its earlier step, and the
 * next run parks the order again with the same reason.
 */
async function parkOrder(
  order: WireOrder,
  claim: HeldClaim,
  ctx: PushContext,
  reason: ParkReason,
): Promise<PushOutcome> {
  const entry = ctx.ledger.get(order.id);
  await ctx.upstock.setIntegrationState(order.id, {
    state: 'needs_attention',
    reason: reason.message,
    saleId: entry?.saleId ?? null,
    saleNumber: entry?.saleNumber ?? null,
    claimToken: claim.token,
  });
  ctx.ledger.park(order.id, reason.code, reason.message);
  ctx.afterStep?.('parked', order.id);
  log.warn(`Order ${order.number} (${order.id}) needs attention: ${reason.message}`);
  return { kind: 'parked', reason };
}

/**
 * Returns a park reason when Cin7 Core rejected a request for its content (HTTP 400, or an
 * Error Model inside a 200 that was not a write which may have been saved).
 */
function dearRejection(error: unknown): ParkReason | null {
  if (!(error instanceof DearApiError) || error.maybeDelivered) return null;
  if (error.status !== 400 && error.status !== 200) return null;
  return {
    code: 'dear-validation',
    message: `Cin7 Core rejected the sale: ${(error.exception || error.message).replace(/\.+$/, '')}. Correct it, then retry.`,
  };
}

function unfinished(order: WireOrder, error: unknown): PushOutcome {
  log.warn(
    `Order ${order.number} (${order.id}) was not pushed in this run; it resumes next run`,
    describe(error),
  );
  return { kind: 'unfinished', error };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
