import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DearSimulator } from '../../../main/simulators/dear/server.js';
import { parseDearTicks } from '../../../main/simulators/dear/dear-time.js';
import {
  createSale,
  customerByName,
  line,
  postOrder,
  type ErrorList,
  type SaleBody,
} from './sale-helpers.js';
import { callApi, startSampleSimulator } from './sim-client.js';

interface SaleListBody {
  Total: number;
  SaleList: Array<{
    SaleID: string;
    OrderNumber: string;
    Status: string;
    CombinedShippingStatus: string;
    Updated: string;
    ExternalID: string | null;
  }>;
}

describe('Cin7 Core simulator sale headers', () => {
  let sim: DearSimulator;

  beforeAll(async () => {
    sim = await startSampleSimulator();
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());

  it('starts a SkipQuote sale as ESTIMATED', async () => {
    const sale = await createSale(sim, { ExternalID: 'upstock:UPS-1', CustomerReference: 'PO-1' });
    expect(sale.Status).toBe('ESTIMATED');
    const read = await callApi<{
      ExternalID: string;
      CustomerReference: string;
      Customer: string;
      Order: { Status: string };
    }>(sim, 'GET', `sale?ID=${sale.ID}`);
    expect(read.body).toMatchObject({
      ExternalID: 'upstock:UPS-1',
      CustomerReference: 'PO-1',
      Customer: 'Corner Cafe Ltd',
    });
    expect(read.body.Order.Status).toBe('NOT AVAILABLE');
  });

  it('requires a customer and a known location', async () => {
    const missing = await callApi<ErrorList>(sim, 'POST', 'sale', { Location: 'Main Warehouse' });
    expect(missing.status).toBe(400);
    expect(missing.body[0]?.Exception).toBe('Customer or CustomerID is required.');
    const badLocation = await callApi<ErrorList>(sim, 'POST', 'sale', {
      Customer: 'Corner Cafe Ltd',
      Location: 'Moon Base',
    });
    expect(badLocation.status).toBe(400);
    expect(badLocation.body.map((error) => error.Exception)).toContain(
      "Location 'Moon Base' not found.",
    );
    const noLocation = await callApi<ErrorList>(sim, 'POST', 'sale', {
      Customer: 'Corner Cafe Ltd',
    });
    expect(noLocation.body.map((error) => error.Exception)).toContain('Location is required.');
  });

  it('requires CurrencyRate for a foreign-currency customer', async () => {
    const customer = customerByName('Bondi Bean Co Pty Ltd');
    const answer = await callApi<ErrorList>(sim, 'POST', 'sale', {
      CustomerID: customer.ID,
      Location: 'Main Warehouse',
      SkipQuote: true,
    });
    expect(answer.status).toBe(400);
    expect(answer.body[0]?.Exception).toContain('CurrencyRate is required');
    const withRate = await callApi(sim, 'POST', 'sale', {
      CustomerID: customer.ID,
      Location: 'Main Warehouse',
      SkipQuote: true,
      CurrencyRate: 0.91234,
    });
    expect(withRate.status).toBe(200);
  });

  it('rejects a deprecated customer', async () => {
    const answer = await callApi<ErrorList>(sim, 'POST', 'sale', {
      Customer: 'Old Town Roastery (closed)',
      Location: 'Main Warehouse',
    });
    expect(answer.status).toBe(400);
    expect(answer.body[0]?.Exception).toContain('deprecated');
  });

  it('adds an unknown shipping address to the customer', async () => {
    const customer = customerByName('Corner Cafe Ltd');
    const known = customer.Addresses.find((address) => address.Type === 'Shipping');
    await createSale(sim, {
      ShippingAddress: { Line1: known?.Line1, Country: 'New Zealand', ShipToOther: false },
    });
    expect(sim.control.customer(customer.ID).Addresses).toHaveLength(customer.Addresses.length);

    await createSale(sim, {
      ShippingAddress: {
        Line1: '1 Event Lane',
        City: 'Auckland',
        Country: 'New Zealand',
        ShipToOther: true,
      },
    });
    expect(sim.control.customer(customer.ID).Addresses).toHaveLength(customer.Addresses.length);

    await createSale(sim, {
      ShippingAddress: {
        Line1: '99 Pop-up Road',
        City: 'Auckland',
        Country: 'New Zealand',
        ShipToOther: false,
      },
    });
    const addresses = sim.control.customer(customer.ID).Addresses;
    expect(addresses).toHaveLength(customer.Addresses.length + 1);
    expect(addresses.at(-1)).toMatchObject({ Line1: '99 Pop-up Road', Type: 'Shipping' });
  });
});

describe('Cin7 Core simulator stock, shipping and saleList', () => {
  let sim: DearSimulator;

  beforeAll(async () => {
    sim = await startSampleSimulator();
  });
  afterEach(() => sim.control.reset());
  afterAll(() => sim.close());

  async function authorisedSale(
    fields: Record<string, unknown> = {},
    lines = [line('TEA-EB-100', 4, 16.5, 0, 66, 9.9), line('SYR-VAN-750', 2, 15.9, 0, 31.8, 4.77)],
  ): Promise<SaleBody> {
    const sale = await createSale(sim, fields);
    const answer = await postOrder(sim, sale.ID, 'AUTHORISED', lines);
    if (answer.status !== 200) throw new Error(`POST sale/order failed: ${answer.text}`);
    return (await callApi<SaleBody>(sim, 'GET', `sale?ID=${sale.ID}`)).body;
  }

  it('backorders when stock is short', async () => {
    const sale = await authorisedSale({}, [line('EQ-GRINDER-SM', 3, 1499, 0, 4497, 674.55)]);
    expect(sale.Status).toBe('BACKORDERED');
    expect(sale.Order.Lines[0]?.BackorderQuantity).toBe(1);
  });

  it('counts stock held by earlier sales', async () => {
    sim.control.setStock({ 'TEA-EB-100': 5 });
    const first = await authorisedSale({}, [line('TEA-EB-100', 4, 16.5, 0, 66, 9.9)]);
    expect(first.Status).toBe('ORDERED');
    const second = await authorisedSale({}, [line('TEA-EB-100', 4, 16.5, 0, 66, 9.9)]);
    expect(second.Status).toBe('BACKORDERED');
    expect(second.Order.Lines[0]?.BackorderQuantity).toBe(3);
  });

  it('ships partially then fully through control', async () => {
    const sale = await authorisedSale();
    expect(sale.CombinedShippingStatus).toBe('NOT SHIPPED');

    const partial = sim.control.shipSale(sale.ID, {
      lines: [{ sku: 'TEA-EB-100', quantity: 4 }],
      carrier: 'NZ Couriers',
      trackingNumber: 'NZC001',
    });
    expect(partial.CombinedShippingStatus).toBe('PARTIALLY SHIPPED');
    const afterPartial = (await callApi<SaleBody>(sim, 'GET', `sale?ID=${sale.ID}`)).body;
    expect(afterPartial.CombinedTrackingNumbers).toBe('NZC001');
    expect(
      (parseDearTicks(afterPartial.LastModifiedOn) ?? 0n) >
        (parseDearTicks(sale.LastModifiedOn) ?? 0n),
    ).toBe(true);

    const response = await fetch(new URL(`sales/${sale.ID}/ship`, sim.controlUrl), {
      method: 'POST',
      body: JSON.stringify({
        carrier: 'NZ Post',
        trackingNumber: 'NZP002',
        shipmentDate: '2025-07-03',
      }),
    });
    expect(response.status).toBe(200);
    const shipped = (await callApi<SaleBody>(sim, 'GET', `sale?ID=${sale.ID}`)).body;
    expect(shipped.CombinedShippingStatus).toBe('SHIPPED');
    expect(shipped.CombinedTrackingNumbers).toBe('NZC001, NZP002');
    expect(shipped.Fulfilments).toHaveLength(2);
    expect(shipped.Fulfilments[1]?.Ship.Lines[0]).toMatchObject({
      TrackingNumber: 'NZP002',
      Carrier: 'NZ Post',
      ShipmentDate: '2025-07-03T00:00:00',
    });
    expect(shipped.Fulfilments[1]?.Pick.Lines).toEqual([
      expect.objectContaining({ SKU: 'SYR-VAN-750', Quantity: 2 }),
    ]);
    expect(sim.control.summary().stock['TEA-EB-100']).toBe(246);
  });

  it('refuses to ship a draft order or more than ordered', async () => {
    const sale = await createSale(sim);
    await postOrder(sim, sale.ID, 'DRAFT', [line('TEA-EB-100', 1, 16.5, 0, 16.5, 2.48)]);
    expect(() =>
      sim.control.shipSale(sale.ID, { carrier: 'NZ Post', trackingNumber: 'X' }),
    ).toThrow(/no authorised order/);
    await postOrder(sim, sale.ID, 'AUTHORISED', [line('TEA-EB-100', 1, 16.5, 0, 16.5, 2.48)]);
    expect(() =>
      sim.control.shipSale(sale.ID, {
        lines: [{ sku: 'TEA-EB-100', quantity: 2 }],
        carrier: 'NZ Post',
        trackingNumber: 'X',
      }),
    ).toThrow(/only 1 left/);
  });

  it('voids a sale through DELETE with Void=true', async () => {
    const sale = await authorisedSale();
    const answer = await callApi<{ Status: string; CombinedShippingStatus: string }>(
      sim,
      'DELETE',
      `sale?ID=${sale.ID}&Void=true`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.Status).toBe('VOIDED');
    expect(answer.body.CombinedShippingStatus).toBe('VOIDED');
  });

  it('undoes an authorised order without Void', async () => {
    const sale = await authorisedSale();
    const answer = await callApi<{ Status: string; Order: { Status: string } }>(
      sim,
      'DELETE',
      `sale?ID=${sale.ID}`,
    );
    expect(answer.body.Status).toBe('ORDERING');
    expect(answer.body.Order.Status).toBe('DRAFT');
    expect(
      (await postOrder(sim, sale.ID, 'AUTHORISED', [line('TEA-EB-100', 1, 16.5, 0, 16.5, 2.48)]))
        .status,
    ).toBe(200);
  });

  it('filters saleList rows', async () => {
    const shippedSale = await authorisedSale({
      ExternalID: 'upstock:A',
      CustomerReference: 'PO-AAA',
    });
    const openSale = await authorisedSale({ ExternalID: 'upstock:B', CustomerReference: 'PO-BBB' });
    const draftSale = await createSale(sim, { ExternalID: 'upstock:C' });
    const all = await callApi<SaleListBody>(sim, 'GET', 'saleList');
    const cursor = all.body.SaleList.find((row) => row.SaleID === openSale.ID)?.Updated ?? '';
    sim.control.shipSale(shippedSale.ID, { carrier: 'NZ Couriers', trackingNumber: 'T1' });

    const byExternal = await callApi<SaleListBody>(sim, 'GET', 'saleList?ExternalID=upstock:B');
    expect(byExternal.body.SaleList.map((row) => row.SaleID)).toEqual([openSale.ID]);
    const shipped = await callApi<SaleListBody>(
      sim,
      'GET',
      'saleList?CombinedShippingStatus=SHIPPED',
    );
    expect(shipped.body.SaleList.map((row) => row.SaleID)).toEqual([shippedSale.ID]);
    const search = await callApi<SaleListBody>(sim, 'GET', 'saleList?Search=po-aaa');
    expect(search.body.SaleList.map((row) => row.SaleID)).toEqual([shippedSale.ID]);
    const estimated = await callApi<SaleListBody>(sim, 'GET', 'saleList?Status=ESTIMATED');
    expect(estimated.body.SaleList.map((row) => row.SaleID)).toEqual([draftSale.ID]);
    const authorised = await callApi<SaleListBody>(sim, 'GET', 'saleList?OrderStatus=AUTHORISED');
    expect(authorised.body.Total).toBe(2);

    const since = await callApi<SaleListBody>(
      sim,
      'GET',
      `saleList?UpdatedSince=${cursor.replace(/Z$/, '')}`,
    );
    expect(since.body.SaleList.map((row) => row.SaleID).sort()).toEqual(
      [openSale.ID, draftSale.ID, shippedSale.ID].sort(),
    );
    const until = await callApi<SaleListBody>(
      sim,
      'GET',
      `saleList?UpdatedUntil=${cursor.replace(/Z$/, '')}`,
    );
    expect(until.body.SaleList.map((row) => row.SaleID)).toEqual([openSale.ID]);

    const paged = await callApi<SaleListBody>(sim, 'GET', 'saleList?Limit=2&Page=2');
    expect(paged.body.Total).toBe(3);
    expect(paged.body.SaleList).toHaveLength(1);
    const row = shipped.body.SaleList[0];
    expect(row?.OrderNumber).toMatch(/^SO-\d{5}$/);
    expect(row?.Updated).toMatch(/Z$/);
  });
});
