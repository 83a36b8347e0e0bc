import { randomUUID } from 'node:crypto';

import type { IntegrationStateName, WireClaim, WireIntegration } from '../../upstock/wire.js';
import { FieldReader } from './fields.js';
import { badRequest, requireObject, SimProblem } from './http.js';
import { requireOrder } from './order-entry.js';
import { throwIfInvalid } from './order-input.js';
import { isClaimActive, orderView } from './order-view.js';
import type { SimClaim, SimContext, SimOrder } from './state.js';

const DEFAULT_LEASE_SECONDS = 300;
const INTEGRATION_STATES: readonly IntegrationStateName[] = [
  'pending',
  'pushed',
  'needs_attention',
];

function readLeaseSeconds(value: unknown): number {
  if (value === undefined) return DEFAULT_LEASE_SECONDS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 10 || value > 3600) {
    throw badRequest(
      `leaseSeconds must be a whole number from 10 to 3600; got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function claimView(claim: SimClaim): WireClaim {
  return {
    claimToken: claim.token,
    agentId: claim.agentId,
    expiresAt: new Date(claim.expiresAtMs).toISOString(),
  };
}

function notHeld(order: SimOrder): SimProblem {
  return new SimProblem(
    409,
    'claim-not-held',
    'Claim not held',
    `The claim token is not the current claim on order ${order.number}; claim the order again.`,
  );
}

/**
 * Claims an approved order for one agent (`POST /v1/orders/{id}/claim`). The same agent
 * claiming again gets a new token. Throws 409 when another agent's lease has not run out or
 * the order is not approved.
 */
export function claimOrder(context: SimContext, orderId: string, body: unknown): WireClaim {
  const order = requireOrder(context, orderId);
  const input = requireObject(body, 'an "agentId"');
  const agentId = input.agentId;
  if (typeof agentId !== 'string' || agentId.trim() === '' || agentId.length > 200) {
    throw badRequest('agentId is required, 1 to 200 characters.');
  }
  const leaseSeconds = readLeaseSeconds(input.leaseSeconds);
  if (order.status !== 'approved') {
    throw new SimProblem(
      409,
      'order-not-claimable',
      'Order not approved',
      `Order ${order.number} is ${order.status}; only approved orders can be claimed.`,
    );
  }

  const nowMs = context.now().getTime();
  if (isClaimActive(order.claim, nowMs) && order.claim.agentId !== agentId) {
    const until = new Date(order.claim.expiresAtMs).toISOString();
    throw new SimProblem(
      409,
      'claim-conflict',
      'Order claimed by another agent',
      `Order ${order.number} is claimed by agent "${order.claim.agentId}" until ${until}.`,
    );
  }
  order.claim = {
    token: randomUUID(),
    agentId,
    expiresAtMs: nowMs + leaseSeconds * 1000,
    released: false,
  };
  return claimView(order.claim);
}

/**
 * Extends the lease of the current claim (`POST /v1/orders/{id}/claim/renew`). A lease that ran
 * out can still be renewed when no other agent has claimed the order since. Throws 409 for any
 * other token.
 */
export function renewClaim(context: SimContext, orderId: string, body: unknown): WireClaim {
  const order = requireOrder(context, orderId);
  const input = requireObject(body, 'a "claimToken"');
  const leaseSeconds = readLeaseSeconds(input.leaseSeconds);
  if (typeof input.claimToken !== 'string') throw badRequest('claimToken is required.');
  const claim = order.claim;
  if (!claim || claim.released || claim.token !== input.claimToken) throw notHeld(order);

  claim.expiresAtMs = context.now().getTime() + leaseSeconds * 1000;
  return claimView(claim);
}

/**
 * Releases a claim (`DELETE /v1/orders/{id}/claim`). Does nothing when there is no claim to
 * release; throws 409 when another agent's lease is still running.
 */
export function releaseClaim(
  context: SimContext,
  orderId: string,
  claimToken: string | null,
): void {
  const order = requireOrder(context, orderId);
  if (!claimToken) throw badRequest('The claimToken query parameter is required.');
  const claim = order.claim;
  if (!claim || claim.released) return;
  if (claim.token === claimToken) {
    claim.released = true;
    return;
  }
  if (isClaimActive(claim, context.now().getTime())) throw notHeld(order);
}

/**
 * Records the order's integration state (`PUT /v1/orders/{id}/integration`). Returns the new
 * state. Throws 409 when the claim is held by someone else or the order was already pushed to
 * another sale, and 422 when `saleId` or `reason` is missing for the state.
 */
export function setIntegrationState(
  context: SimContext,
  orderId: string,
  body: unknown,
): WireIntegration {
  const order = requireOrder(context, orderId);
  const fields = new FieldReader(requireObject(body, 'a "state"'));
  const state = fields.oneOf('state', INTEGRATION_STATES);
  const saleId =
    state === 'pushed' ? fields.requiredText('saleId', 200) : fields.optionalText('saleId', 200);
  const saleNumber = fields.optionalText('saleNumber', 200);
  const reason =
    state === 'needs_attention'
      ? fields.requiredText('reason', 2000)
      : fields.optionalText('reason', 2000);
  const claimToken = fields.optionalText('claimToken', 200);
  throwIfInvalid(
    fields.errors.map((error) => ({ externalId: order.id, ...error })),
    'integration state',
  );

  const nowMs = context.now().getTime();
  if (claimToken !== null) {
    const claim = order.claim;
    if (!claim || claim.released || claim.token !== claimToken) throw notHeld(order);
  } else if (isClaimActive(order.claim, nowMs)) {
    throw new SimProblem(
      409,
      'claim-conflict',
      'Order claimed by another agent',
      `Order ${order.number} is claimed by agent "${order.claim.agentId}"; send its claim token.`,
    );
  }
  const current = order.integration;
  if (state === 'pushed' && current.state === 'pushed' && current.saleId !== saleId) {
    throw new SimProblem(
      409,
      'already-pushed',
      'Order already pushed',
      `Order ${order.number} was already pushed as sale ${current.saleNumber ?? current.saleId}; set it to pending first to push it again.`,
    );
  }

  order.integration = {
    state,
    saleId: keptSaleField(state, saleId, current.saleId),
    saleNumber: keptSaleField(state, saleNumber, current.saleNumber),
    reason: state === 'needs_attention' ? reason : null,
    updatedAt: new Date(nowMs).toISOString(),
  };
  return orderView(order, nowMs).integration;
}

/**
 * Returns a sale field after a state change: `pushed` takes what was sent, `needs_attention`
 * keeps the earlier value unless a new one was sent, and `pending` clears it.
 */
function keptSaleField(
  state: IntegrationStateName,
  sent: string | null,
  previous: string | null,
): string | null {
  if (state === 'pushed') return sent;
  if (state === 'needs_attention') return sent ?? previous;
  return null;
}
