import type { RecordFailure } from '../../shared/sync.js';
import { DearApiError, DearNetworkError } from '../dear/errors.js';
import type { JobContext } from '../sync/job.js';
import type { WireOrder } from '../upstock/wire.js';
import type { EditedAfterPush, OrderLedger } from './ledger.js';
import { describeTotalsChange } from './authorised-total.js';
import type { PushOutcome } from './push.js';

/** Entity of the run-report notice for an order changed in Upstock after its push. */
export const EDITED_AFTER_PUSH_ENTITY = 'order-edited-after-push';

/** Entity of the run-report notice for a sale order whose total Cin7 Core changed. */
export const TOTALS_CHANGED_ENTITY = 'order-totals-changed-in-cin7';

/**
 * Records the outcomes of one orders run. Parked and unfinished orders count as failed and
 * are listed as failures. `finish` adds every order still parked from earlier runs, so a run
 * reports failures while any order needs attention.
 */
export class OrdersRunReport {
  private readonly reported = new Set<string>();

  constructor(private readonly ctx: Pick<JobContext, 'result'>) {}

  /** Counts one push outcome and lists it when it needs attention. */
  record(order: Pick<WireOrder, 'id' | 'number'>, outcome: PushOutcome): void {
    const result = this.ctx.result;
    switch (outcome.kind) {
      case 'pushed':
        result.count('orders', 'created');
        if (outcome.totalsChanged) {
          result.fail({
            entity: TOTALS_CHANGED_ENTITY,
            recordId: order.id,
            label: order.number,
            reason: describeTotalsChange(outcome.totalsChanged),
          });
        }
        return;
      case 'parked':
        this.fail(order, outcome.reason.message);
        return;
      case 'unfinished':
        this.fail(order, unfinishedReason(outcome.error));
        return;
      case 'waiting':
        // Listed by `finish` with the reason stored in the ledger.
        return;
      case 'already-pushed':
        result.count('orders', 'unchanged');
        if (outcome.edit) this.noteEdit(order, outcome.edit);
        return;
      case 'pushed-elsewhere':
        result.count('orders', 'unchanged');
        return;
      case 'needs-attention':
      case 'claimed-elsewhere':
      case 'not-claimable':
        result.count('orders', 'skipped');
        return;
    }
  }

  /** Lists each parked order in the ledger that this run has not reported yet. */
  finish(ledger: OrderLedger): void {
    // NOTE: an order cancelled in Upstock while parked stays parked in the ledger, so it is
    // listed on every run; no ledger state records "cancelled" yet.
    for (const entry of ledger.listByStates(['parked'])) {
      if (this.reported.has(entry.orderId)) continue;
      const waiting = entry.retryRequested ? ' A retry is requested for the next run.' : '';
      this.fail(
        { id: entry.orderId, number: entry.orderNumber },
        `${entry.parkReason ?? 'Parked without a recorded reason.'}${waiting}`,
      );
    }
  }

  private fail(order: Pick<WireOrder, 'id' | 'number'>, reason: string): void {
    if (this.reported.has(order.id)) return;
    this.reported.add(order.id);
    this.ctx.result.count('orders', 'failed');
    const failure: RecordFailure = {
      entity: 'order',
      recordId: order.id,
      label: order.number,
      reason,
    };
    this.ctx.result.fail(failure);
  }

  private noteEdit(order: Pick<WireOrder, 'id' | 'number'>, edit: EditedAfterPush): void {
    this.ctx.result.fail({
      entity: EDITED_AFTER_PUSH_ENTITY,
      recordId: order.id,
      label: order.number,
      reason: describeEdit(edit),
    });
  }
}

/** Describes an edit after the push for a merchant: what differs and what to do. */
export function describeEdit(edit: EditedAfterPush): string {
  const before = edit.pushedTotal ?? 'not recorded';
  return (
    `Changed in Upstock after it was pushed (version ${edit.fromVersion} → ${edit.toVersion}); ` +
    `the total before tax was ${before} when pushed and is ${edit.total} now. Changes after ` +
    'approval are not synced, so Upstock and Cin7 Core now differ: edit the sale in Cin7 Core ' +
    'if needed.'
  );
}

/**
 * Returns the failure reason of an order left unfinished. When a sale or sale order request
 * may have reached Cin7 Core, the agent itself looks the sale up before posting again. So the
 * reason states that, in place of the client's advice to look the record up by hand.
 */
export function unfinishedReason(error: unknown): string {
  if (
    (error instanceof DearNetworkError || error instanceof DearApiError) &&
    error.maybeDelivered
  ) {
    const cause =
      error instanceof DearNetworkError ? `${error.code}` : `HTTP ${String(error.status)}`;
    return (
      `Cin7 Core did not confirm ${error.request} (${cause}), so it may have saved it. On its ` +
      "next run the agent checks Cin7 Core for this order's sale before sending anything again."
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Not pushed in this run, resumes next run: ${message}`;
}
