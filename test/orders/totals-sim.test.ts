import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerFor } from '../../main/orders/ledger.js';
import {
  agentRunner,
  openTestAgent,
  orderIdOf,
  placeApprovedOrder,
  startOrdersWorld,
  type OrderSpec,
  type OrdersWorld,
} from './fixtures/harness.js';

type LineCase = OrderSpec['lines'][number];

/** Quantity, unit price, discount: odd quantities, 4-dp prices, 2-dp and longer discounts. */
const LINE_CASES: Array<Omit<LineCase, 'productId'>> = [
  { quantity: '3', unitPrice: '12.5000', discountPercent: '10' },
  { quantity: '7', unitPrice: '4.1234' },
  { quantity: '13', unitPrice: '0.0333' },
  { quantity: '2.3333', unitPrice: '19.9900', discountPercent: '2.5' },
  { quantity: '3', unitPrice: '10.0000', discountPercent: '7.125' },
  { quantity: '7', unitPrice: '9.9900', discountPercent: '33.333' },
  { quantity: '1', unitPrice: '0.0100' },
  { quantity: '999', unitPrice: '1234.5678', discountPercent: '0.01' },
  { quantity: '11', unitPrice: '0.3333', discountPercent: '50' },
  { quantity: '1.5', unitPrice: '2.2250' },
];

function ordersFor(world: OrdersWorld): OrderSpec[] {
  const product = (index: number) => world.productIds[index % world.productIds.length]!;
  const single = LINE_CASES.map((line, index) => ({
    customerId: world.customerIds[index % world.customerIds.length]!,
    lines: [{ ...line, productId: product(index) }],
    freight: index % 2 === 0 ? '15.0000' : '7.3500',
  }));
  const many: OrderSpec = {
    customerId: world.customerIds[0]!,
    lines: Array.from({ length: 40 }, (_, index) => ({
      ...LINE_CASES[index % LINE_CASES.length]!,
      productId: product(index),
    })),
    freight: '12.3400',
  };
  return [...single, many];
}

for (const method of ['Row Total', 'Total'] as const) {
  describe(`sale totals with ${method}`, () => {
    let world: OrdersWorld;

    beforeAll(async () => {
      // Four decimal places, so the table's 4-dp quantities are within the account's limit.
      world = await startOrdersWorld({ taxCalculationMethod: method, quantityFormat: 'N4' });
    });

    afterAll(async () => {
      await world.close();
    });

    it('are accepted for every table order', async () => {
      const agent = openTestAgent(world);
      try {
        const orders = ordersFor(world).map((spec) => placeApprovedOrder(world, spec));
        const runner = agentRunner(agent);
        await runner.run('orders', { trigger: 'manual', mode: 'incremental' });

        const sales = world.dearSim.control.sales();
        for (const order of orders) {
          const entry = ledgerFor(agent.store).get(order.id);
          expect(entry?.parkReason ?? null, order.number).toBeNull();
          expect(entry?.state, order.number).toBe('pushed');
          const sale = sales.find((candidate) => orderIdOf(candidate.ExternalID) === order.id)!;
          const saleOrder = sale.Order as { TotalBeforeTax: number; Tax: number; Lines: unknown[] };
          expect(saleOrder.Lines.length, order.number).toBe(order.lines.length);
          expect(
            new Decimal(saleOrder.TotalBeforeTax).equals(order.totals.total),
            order.number,
          ).toBe(true);
          const expectedTax = new Decimal(order.totals.total).times('0.15');
          // Row rounding may differ from document rounding by a cent per row, never more.
          expect(
            new Decimal(saleOrder.Tax)
              .minus(expectedTax)
              .abs()
              .lessThanOrEqualTo(new Decimal('0.005').times(order.lines.length + 1)),
            order.number,
          ).toBe(true);
          if (method === 'Total') {
            expect(
              new Decimal(saleOrder.Tax).equals(
                expectedTax.toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
              ),
            ).toBe(true);
          }
        }
      } finally {
        agent.close();
      }
    });
  });
}
