import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DearSimulator } from '../../../main/simulators/dear/server.js';
import { createSale, line, postOrder, type ErrorList } from './sale-helpers.js';
import { callApi, startSampleSimulator } from './sim-client.js';

const freight = {
  Description: 'Freight',
  Quantity: 1,
  Price: 15,
  Discount: 0,
  Tax: 2.25,
  TaxRule: 'GST on Income',
  Total: 15,
};

describe('Cin7 Core simulator sale order validation', () => {
  let sim: DearSimulator;

  beforeAll(async () => {
    sim = await startSampleSimulator();
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());

  it('accepts correct totals with tax per row', async () => {
    const sale = await createSale(sim);
    const answer = await postOrder(
      sim,
      sale.ID,
      'AUTHORISED',
      [line('COF-HOUSE-1KG', 10, 4.5, 0, 45, 6.75), line('CUP-8OZ-1000', 3, 12, 10, 32.4, 4.86)],
      {
        AdditionalCharges: [freight],
        TotalBeforeTax: 92.4,
        Tax: 13.86,
        Total: 106.26,
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      SaleOrderNumber: 'SO-00001',
      Status: 'AUTHORISED',
      TotalBeforeTax: 92.4,
      Tax: 13.86,
      Total: 106.26,
    });
    expect(answer.text).toContain('"Total":106.26');
  });

  it('rejects a wrong line total naming the line', async () => {
    const sale = await createSale(sim);
    const answer = await postOrder(sim, sale.ID, 'AUTHORISED', [
      line('COF-HOUSE-1KG', 10, 4.5, 0, 45, 6.75),
      line('CUP-8OZ-1000', 3, 12, 10, 32.41, 4.86),
    ]);
    expect(answer.status).toBe(400);
    const errors = answer.body as ErrorList;
    expect(errors).toHaveLength(1);
    expect(errors[0]?.ErrorCode).toBe(400);
    expect(errors[0]?.Exception).toContain('Line 2 (SKU CUP-8OZ-1000)');
    expect(errors[0]?.Exception).toContain('32.40');
  });

  it('rejects a wrong row tax', async () => {
    const sale = await createSale(sim);
    const answer = await postOrder(sim, sale.ID, 'DRAFT', [
      line('COF-HOUSE-1KG', 10, 4.5, 0, 45, 6.76),
    ]);
    expect(answer.status).toBe(400);
    expect((answer.body as ErrorList)[0]?.Exception).toMatch(
      /Line 1 \(SKU COF-HOUSE-1KG\): Tax 6\.76 .* 6\.75/,
    );
  });

  it('rejects document totals that disagree', async () => {
    const sale = await createSale(sim);
    const answer = await postOrder(
      sim,
      sale.ID,
      'DRAFT',
      [line('COF-HOUSE-1KG', 10, 4.5, 0, 45, 6.75)],
      { TotalBeforeTax: 45, Tax: 6.75, Total: 51.76 },
    );
    expect(answer.status).toBe(400);
    expect((answer.body as ErrorList)[0]?.Exception).toContain('Total 51.76');
  });

  it('checks tax on the document total', async () => {
    sim.control.updateSettings({ TaxCalculationMethod: 'Total' });
    const cheapLines = (taxes: number[]) =>
      ['STIR-WOOD-1000', 'SUGAR-STICK-1000', 'SLEEVE-1000'].map((sku, index) =>
        line(sku, 1, 0.1, 0, 0.1, taxes[index] ?? 0),
      );

    const rowRounded = await createSale(sim);
    const rejected = await postOrder(sim, rowRounded.ID, 'DRAFT', cheapLines([0.02, 0.02, 0.02]));
    expect(rejected.status).toBe(400);
    expect((rejected.body as ErrorList)[0]?.Exception).toContain(
      '= 0.05 (TaxCalculationMethod "Total")',
    );

    const accepted = await postOrder(sim, rowRounded.ID, 'DRAFT', cheapLines([0.02, 0.02, 0.01]));
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ TotalBeforeTax: 0.3, Tax: 0.05, Total: 0.35 });
  });

  it('checks tax per row by default', async () => {
    const sale = await createSale(sim);
    const cheap = (tax: number, sku: string) => line(sku, 1, 0.1, 0, 0.1, tax);
    const rejected = await postOrder(sim, sale.ID, 'DRAFT', [
      cheap(0.02, 'STIR-WOOD-1000'),
      cheap(0.01, 'SLEEVE-1000'),
    ]);
    expect(rejected.status).toBe(400);
    expect((rejected.body as ErrorList)[0]?.Exception).toContain('Line 2 (SKU SLEEVE-1000)');
    const accepted = await postOrder(sim, sale.ID, 'DRAFT', [
      cheap(0.02, 'STIR-WOOD-1000'),
      cheap(0.02, 'SLEEVE-1000'),
    ]);
    expect(accepted.status).toBe(200);
  });

  it('rounds half away from zero', async () => {
    const sale = await createSale(sim);
    // 1 × 0.125 = 0.125 rounds to 0.13 (banker's rounding would give 0.12); 0.3 × 15% = 0.045 rounds to 0.05.
    const rejected = await postOrder(sim, sale.ID, 'DRAFT', [
      line('STIR-WOOD-1000', 1, 0.125, 0, 0.12, 0.02),
    ]);
    expect(rejected.status).toBe(400);
    const accepted = await postOrder(sim, sale.ID, 'DRAFT', [
      line('STIR-WOOD-1000', 1, 0.125, 0, 0.13, 0.02),
      line('SLEEVE-1000', 3, 0.1, 0, 0.3, 0.05),
    ]);
    expect(accepted.status).toBe(200);
  });

  it('lists every field problem at once', async () => {
    const sale = await createSale(sim);
    const answer = await postOrder(
      sim,
      sale.ID,
      'AUTHORISED',
      [
        line('COF-HOUSE-1KG', 0, 4.5, 0, 0, 0),
        line('CUP-8OZ-1000', 1, 12, 1.255, 11.85, 1.78),
        { ...line('TEA-EB-100', 1, 16.5, 0, 16.5, 2.48), TaxRule: 'GST 12.5% (before Oct 2010)' },
        { ...line('SYR-VAN-750', 1, 15.9, 0, 15.9, 2.39), TaxRule: 'No Such Rule' },
        line('SVC-FREIGHT', 1, 15, 0, 15, 2.25),
      ],
      { AdditionalCharges: [{ ...freight, Description: 'Shipping' }] },
    );
    expect(answer.status).toBe(400);
    const messages = (answer.body as ErrorList).map((error) => error.Exception);
    expect(
      messages.some((message) =>
        message.startsWith('Line 1 (SKU COF-HOUSE-1KG): Quantity must be at least 1'),
      ),
    ).toBe(true);
    expect(
      messages.some((message) =>
        message.includes(
          'Line 2 (SKU CUP-8OZ-1000): Discount 1.255 has more than 2 decimal places',
        ),
      ),
    ).toBe(true);
    expect(
      messages.some((message) =>
        message.includes(
          "Line 3 (SKU TEA-EB-100): Tax rule 'GST 12.5% (before Oct 2010)' is inactive",
        ),
      ),
    ).toBe(true);
    expect(
      messages.some((message) =>
        message.includes("Line 4 (SKU SYR-VAN-750): Tax rule 'No Such Rule' not found"),
      ),
    ).toBe(true);
    expect(
      messages.some(
        (message) =>
          message.includes('Line 5 (SKU SVC-FREIGHT)') && message.includes('AdditionalCharges'),
      ),
    ).toBe(true);
    expect(
      messages.some((message) =>
        message.startsWith(
          'Additional charge 1 (Shipping): Description must be the exact name of a Service product',
        ),
      ),
    ).toBe(true);
  });

  it('requires Status DRAFT or AUTHORISED and a Memo', async () => {
    const sale = await createSale(sim);
    const answer = await callApi<ErrorList>(sim, 'POST', 'sale/order', {
      SaleID: sale.ID,
      Status: 'ORDERED',
      Lines: [],
    });
    expect(answer.status).toBe(400);
    const messages = answer.body.map((error) => error.Exception);
    expect(messages).toContain('Status must be DRAFT or AUTHORISED, got "ORDERED".');
    expect(messages).toContain('Memo is required (it may be an empty string).');
  });

  it('replaces draft lines and then authorises', async () => {
    const sale = await createSale(sim);
    expect(
      (
        await postOrder(sim, sale.ID, 'DRAFT', [
          line('COF-HOUSE-1KG', 1, 4.5, 0, 4.5, 0.68),
          line('TEA-EB-100', 1, 16.5, 0, 16.5, 2.48),
        ])
      ).status,
    ).toBe(200);
    const draft = await callApi<{ Status: string; Order: { Status: string; Lines: unknown[] } }>(
      sim,
      'GET',
      `sale?ID=${sale.ID}`,
    );
    expect(draft.body.Status).toBe('ORDERING');
    expect(draft.body.Order.Status).toBe('DRAFT');

    const authorised = await postOrder(sim, sale.ID, 'AUTHORISED', [
      line('TEA-EB-100', 2, 16.5, 0, 33, 4.95),
    ]);
    expect(authorised.status).toBe(200);
    const order = await callApi<{
      SaleOrderNumber: string;
      Status: string;
      Lines: Array<{ SKU: string }>;
    }>(sim, 'GET', `sale/order?SaleID=${sale.ID}`);
    expect(order.body.SaleOrderNumber).toBe('SO-00001');
    expect(order.body.Lines.map((orderLine) => orderLine.SKU)).toEqual(['TEA-EB-100']);
    const ordered = await callApi<{ Status: string }>(sim, 'GET', `sale?ID=${sale.ID}`);
    expect(ordered.body.Status).toBe('ORDERED');

    const again = await postOrder(sim, sale.ID, 'AUTHORISED', [
      line('TEA-EB-100', 1, 16.5, 0, 16.5, 2.48),
    ]);
    expect(again.status).toBe(400);
    expect((again.body as ErrorList)[0]?.Exception).toContain('is AUTHORISED');
  });

  it('rejects an order for an unknown sale', async () => {
    const answer = await postOrder(sim, '00000000-0000-4000-8000-000000000000', 'DRAFT', []);
    expect(answer.status).toBe(400);
    expect((answer.body as ErrorList)[0]?.Exception).toContain('not found');
  });

  it('accepts decimal strings and exact decimals', async () => {
    const sale = await createSale(sim);
    const answer = await callApi<{ Total: number }>(sim, 'POST', 'sale/order', {
      SaleID: sale.ID,
      Status: 'DRAFT',
      Memo: '',
      Lines: [
        { ...line('COF-HOUSE-1KG', 3, 0, 0, 0, 0), Price: '1.1000', Total: '3.30', Tax: '0.50' },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('"Total":3.8');
  });
});
