import { UpstockApiError } from '../upstock/errors.js';
import type { OrdersUpstockPort } from './ports.js';

/** The default claim lease, in seconds. Renewed during a push well before it runs out. */
export const DEFAULT_LEASE_SECONDS = 120;

/**
 * A claim on one Upstock order, held while the agent pushes it. `refresh` renews the lease
 * once a third of it has passed, so a push that waits on Cin7 Core's rate limit keeps it.
 */
export class HeldClaim {
  private renewedAt: number;

  constructor(
    private readonly upstock: OrdersUpstockPort,
    readonly orderId: string,
    readonly token: string,
    private readonly leaseSeconds: number,
  ) {
    this.renewedAt = Date.now();
  }

  /**
   * Renews the lease when a third of it has passed. Throws the client's error when the claim
   * was lost (another agent claimed the order after the lease ran out); the push must stop.
   */
  async refresh(): Promise<void> {
    if (Date.now() - this.renewedAt < (this.leaseSeconds * 1000) / 3) return;
    await this.upstock.renewClaim(this.orderId, this.token, this.leaseSeconds);
    this.renewedAt = Date.now();
  }

  /** Releases the claim. Throws the client's error; callers log it, as the lease expires anyway. */
  async release(): Promise<void> {
    await this.upstock.releaseClaim(this.orderId, this.token);
  }
}

/**
 * Returns the problem type of an Upstock error (the last segment of its problem `type`, such
 * as `claim-conflict`), or null for errors without problem details.
 */
export function upstockProblemCase(error: unknown): string | null {
  return error instanceof UpstockApiError ? error.problemType : null;
}
