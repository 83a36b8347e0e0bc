import { describe, expect, it } from 'vitest';
import { mapApprovedOrder } from '../../main/orders/mapping/map-order.js';
import type { MappingResult } from '../../main/orders/mapping/types.js';
import {
  BILLING_ADDRESS_ID,
  CUSTOMER_ID,
  FREIGHT,
  PRODUCT_A,
  SETTINGS,
  SHIPPING_ADDRESS_ID,
  SUPPLIER_ID,
  customer,
  line,
  me,
  order,
  product,
  reference,
  taxRule,
} from './fixtures/records.js';

function mapped(result: MappingResult) {
  if (!result.ok) throw new Error(`expected a mapped order, got parked: ${result.park.message}`);
  return result;
}

function parked(result: MappingResult) {
  if (result.ok) throw new Error('expected a parked order, got a mapped one');
  return result.park;
}

describe('sale header mapping', () => {
  it('skips the quote and makes a simple sale', () => {
    const { sale } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(sale.SkipQuote).toBe(true);
    expect(sale.SaleType).toBe('Simple');
    expect(sale.TaxInclusive).toBe(false);
    expect(sale.CurrencyRate).toBe(1);
  });

  it('sets the sale order status from the setting', () => {
    const draft = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(draft.saleOrder.Status).toBe('DRAFT');
    const authorised = mapped(
      mapApprovedOrder(order(), customer(), reference(), { ...SETTINGS, saleStatus: 'AUTHORISED' }),
    );
    expect(authorised.saleOrder.Status).toBe('AUTHORISED');
  });

  it('names the customer by CustomerID', () => {
    const { sale } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(sale.CustomerID).toBe(CUSTOMER_ID);
    expect(sale.Contact).toBe('Alex Owner');
  });

  it('uses the customer address IDs for their own addresses', () => {
    const own = order({
      billingAddress: {
        externalId: BILLING_ADDRESS_ID,
        line1: '12 Queen Street',
        line2: 'Unit 3',
        city: 'Auckland',
        state: 'Auckland',
        postcode: '1010',
        country: 'New Zealand',
      },
      shippingAddress: {
        externalId: SHIPPING_ADDRESS_ID,
        line1: '12 Queen Street',
        line2: 'Loading bay',
        city: 'Auckland',
        state: 'Auckland',
        postcode: '1010',
        country: 'New Zealand',
      },
    });
    const { sale } = mapped(mapApprovedOrder(own, customer(), reference(), SETTINGS));
    expect(sale.BillingAddress?.ID).toBe(BILLING_ADDRESS_ID);
    expect(sale.ShippingAddress?.ID).toBe(SHIPPING_ADDRESS_ID);
    expect(sale.ShippingAddress?.ShipToOther).toBe(false);
  });

  it('sends a one-off shipping address with ShipToOther', () => {
    const oneOff = order({
      shippingAddress: {
        externalId: null,
        line1: '99 Market Road',
        line2: null,
        city: 'Hamilton',
        state: null,
        postcode: '3204',
        country: 'New Zealand',
      },
    });
    const { sale } = mapped(mapApprovedOrder(oneOff, customer(), reference(), SETTINGS));
    expect(sale.ShippingAddress?.ID).toBeUndefined();
    expect(sale.ShippingAddress?.ShipToOther).toBe(true);
    expect(sale.ShippingAddress?.Line1).toBe('99 Market Road');
  });

  it('treats an address of another customer as one-off', () => {
    const foreign = order({
      shippingAddress: {
        externalId: 'someone-elses-address',
        line1: '1 Other Street',
        line2: null,
        city: null,
        state: null,
        postcode: null,
        country: 'New Zealand',
      },
    });
    const { sale } = mapped(mapApprovedOrder(foreign, customer(), reference(), SETTINGS));
    expect(sale.ShippingAddress?.ID).toBeUndefined();
    expect(sale.ShippingAddress?.ShipToOther).toBe(true);
  });

  it('falls back to the default addresses when the order has none', () => {
    const { sale } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(sale.BillingAddress?.ID).toBe(BILLING_ADDRESS_ID);
    expect(sale.ShippingAddress?.ID).toBe(SHIPPING_ADDRESS_ID);
  });

  it('uses the reference as customer reference', () => {
    const { sale } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(sale.CustomerReference).toBe('PO-7781');
  });

  it('uses the order number without a reference', () => {
    const noReference = order({ reference: null });
    const { sale } = mapped(mapApprovedOrder(noReference, customer(), reference(), SETTINGS));
    expect(sale.CustomerReference).toBe('UPS-1001');
    const blank = order({ reference: '  ' });
    expect(
      mapped(mapApprovedOrder(blank, customer(), reference(), SETTINGS)).sale.CustomerReference,
    ).toBe('UPS-1001');
  });

  it('puts supplier and order ID in ExternalID', () => {
    const { sale } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(sale.ExternalID).toBe(`upstock:${SUPPLIER_ID}:ord_1001`);
  });

  it('splits comments between shipping notes and note', () => {
    const withComments = order({
      comments: [
        { author: 'Cafe', text: 'Deliver before 10am', createdAt: '2025-07-01T20:00:00.000Z' },
        { author: 'Rep', text: 'Second pallet next week', createdAt: '2025-07-01T21:00:00.000Z' },
        { author: 'Cafe', text: 'Thanks', createdAt: '2025-07-02T01:00:00.000Z' },
      ],
    });
    const { sale } = mapped(mapApprovedOrder(withComments, customer(), reference(), SETTINGS));
    expect(sale.ShippingNotes).toBe('Deliver before 10am');
    expect(sale.Note).toContain('Second pallet next week');
    expect(sale.Note).toContain('Thanks');
    expect(sale.Note).not.toContain('Deliver before 10am');
  });

  it('cuts long comments at 1024 characters', () => {
    const long = 'x'.repeat(2000);
    const withLong = order({
      comments: [{ author: 'Cafe', text: long, createdAt: '2025-07-01T20:00:00.000Z' }],
    });
    const { sale } = mapped(mapApprovedOrder(withLong, customer(), reference(), SETTINGS));
    expect(sale.ShippingNotes.length).toBe(1024);
    expect(sale.ShippingNotes).toContain('UPS-1001');
    expect(sale.Note.length).toBeLessThanOrEqual(1024);
  });

  it('formats order and delivery dates as date-only', () => {
    const { sale } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(sale.SaleOrderDate).toBe('2025-07-02T00:00:00');
    expect(sale.ShipBy).toBe('2025-07-04T00:00:00');
    const noDelivery = order({ deliveryDate: null });
    expect(
      mapped(mapApprovedOrder(noDelivery, customer(), reference(), SETTINGS)).sale.ShipBy,
    ).toBeNull();
  });

  it('reads a timestamp as the tenant-local day', () => {
    // 2025-07-01T13:30Z is 2025-07-02 01:30 in Auckland.
    const stamped = order({ orderDate: '2025-07-01T13:30:00.000Z' });
    const { sale } = mapped(mapApprovedOrder(stamped, customer(), reference(), SETTINGS));
    expect(sale.SaleOrderDate).toBe('2025-07-02T00:00:00');
  });

  it('picks the location from the setting first', () => {
    const { sale } = mapped(
      mapApprovedOrder(order(), customer(), reference(), {
        ...SETTINGS,
        location: 'main warehouse',
      }),
    );
    expect(sale.Location).toBe('Main Warehouse');
  });

  it("picks the customer's location next", () => {
    const { sale } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(sale.Location).toBe('Wellington Depot');
  });

  it('picks the default location last', () => {
    const { sale } = mapped(
      mapApprovedOrder(order(), customer({ location: null }), reference(), SETTINGS),
    );
    expect(sale.Location).toBe('Main Warehouse');
  });

  it("sends the customer's price tier", () => {
    const { sale } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(sale.PriceTier).toBe('Wholesale');
  });

  it('spells the price tier as Cin7 Core does', () => {
    const sloppy = customer({ priceTier: '  wholesale ' });
    const { sale } = mapped(mapApprovedOrder(order(), sloppy, reference(), SETTINGS));
    expect(sale.PriceTier).toBe('Wholesale');
  });

  it('sends no price tier when the customer has none', () => {
    const none = customer({ priceTier: null });
    const { sale } = mapped(mapApprovedOrder(order(), none, reference(), SETTINGS));
    expect(sale.PriceTier).toBeNull();
  });

  it('parks an unknown price tier', () => {
    const odd = customer({ priceTier: 'Platinum' });
    const park = parked(mapApprovedOrder(order(), odd, reference(), SETTINGS));
    expect(park.code).toBe('unknown-price-tier');
    expect(park.message).toContain('"Platinum"');
    expect(park.message).toContain('"Wholesale"');
  });

  it('parks a price tier when no tiers are cached', () => {
    const park = parked(
      mapApprovedOrder(order(), customer(), reference({ priceTiers: [] }), SETTINGS),
    );
    expect(park.code).toBe('unknown-price-tier');
    expect(park.message).toContain('none are cached');
  });

  it("uses the customer's sales representative", () => {
    const { sale } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(sale.SalesRepresentative).toBe('Aroha Ngata');
  });

  it('falls back to the configured sales representative', () => {
    const noRep = customer({ salesRepresentative: null });
    const { sale } = mapped(mapApprovedOrder(order(), noRep, reference(), SETTINGS));
    expect(sale.SalesRepresentative).toBe('API Sales');
    const custom = mapped(
      mapApprovedOrder(order(), noRep, reference(), { ...SETTINGS, fallbackSalesRep: 'Web Desk' }),
    );
    expect(custom.sale.SalesRepresentative).toBe('Web Desk');
  });
});

describe('sale order mapping', () => {
  it('sends freight as an additional charge', () => {
    const { saleOrder } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(saleOrder.AdditionalCharges).toEqual([
      {
        Description: 'Freight',
        Quantity: 1,
        Price: 15,
        Discount: 0,
        Tax: 2.25,
        TaxRule: 'GST on Income',
        Total: 15,
        Comment: '',
      },
    ]);
  });

  it('sends no charge without freight', () => {
    const noFreight = order({ freight: '0.0000' });
    const { saleOrder } = mapped(mapApprovedOrder(noFreight, customer(), reference(), SETTINGS));
    expect(saleOrder.AdditionalCharges).toEqual([]);
  });

  it('sends lines with Cin7 Core SKU and totals', () => {
    const { saleOrder } = mapped(mapApprovedOrder(order(), customer(), reference(), SETTINGS));
    expect(saleOrder.Lines[0]).toMatchObject({
      ProductID: PRODUCT_A.id,
      SKU: PRODUCT_A.sku,
      Quantity: 10,
      Price: 4.5,
      Discount: 0,
      Tax: 6.75,
      Total: 45,
    });
    expect(saleOrder.Lines[1]).toMatchObject({ Discount: 10, Tax: 4.86, Total: 32.4 });
    expect(saleOrder.TotalBeforeTax).toBe(92.4);
    expect(saleOrder.Tax).toBe(13.86);
    expect(saleOrder.Total).toBe(106.26);
  });

  it('uses a configured non-15% rule', () => {
    const configured = { ...SETTINGS, taxRule: 'Zero Rated' };
    const { saleOrder, sale } = mapped(
      mapApprovedOrder(order(), customer(), reference(), configured),
    );
    expect(sale.TaxRule).toBe('Zero Rated');
    expect(saleOrder.Tax).toBe(0);
  });

  it('accepts a rule of several non-compound components', () => {
    const split = taxRule('Split 15', 15, {
      components: [
        { name: 'A', percent: taxRule('x', 10).taxPercent, compound: false },
        { name: 'B', percent: taxRule('y', 5).taxPercent, compound: false },
      ],
    });
    const result = mapApprovedOrder(order(), customer(), reference({ taxRules: [split] }), {
      ...SETTINGS,
      taxRule: 'Split 15',
    });
    expect(mapped(result).saleOrder.Tax).toBe(13.86);
  });
});

describe('parking', () => {
  it('parks another currency', () => {
    const park = parked(
      mapApprovedOrder(order({ currency: 'AUD' }), customer(), reference(), SETTINGS),
    );
    expect(park.code).toBe('currency');
    expect(park.message).toContain('AUD');
  });

  it('parks a customer trading in another currency', () => {
    const park = parked(
      mapApprovedOrder(order(), customer({ currency: 'USD' }), reference(), SETTINGS),
    );
    expect(park.code).toBe('currency');
  });

  it('parks an unknown customer', () => {
    const park = parked(mapApprovedOrder(order(), null, reference(), SETTINGS));
    expect(park.code).toBe('unknown-customer');
    expect(park.message).toContain('Corner Cafe Ltd');
  });

  it('parks an unknown product', () => {
    const unknown = order({ lines: [line('prod-missing', 'GONE-1')] });
    const park = parked(mapApprovedOrder(unknown, customer(), reference(), SETTINGS));
    expect(park.code).toBe('unknown-product');
    expect(park.message).toContain('GONE-1');
  });

  it('parks a service product line', () => {
    const service = order({ lines: [line(FREIGHT.id, FREIGHT.sku)] });
    const park = parked(mapApprovedOrder(service, customer(), reference(), SETTINGS));
    expect(park.code).toBe('service-product');
  });

  it('parks freight without a freight product', () => {
    const park = parked(
      mapApprovedOrder(order(), customer(), reference({ freightProduct: null }), SETTINGS),
    );
    expect(park.code).toBe('missing-freight-product');
    expect(park.message).toContain('"Freight"');
  });

  it('parks a freight product that is not a service', () => {
    const stock = product('prod-f2', 'FREIGHT-STOCK', { name: 'Freight', type: 'Stock' });
    const park = parked(
      mapApprovedOrder(order(), customer(), reference({ freightProduct: stock }), SETTINGS),
    );
    expect(park.code).toBe('missing-freight-product');
  });

  it('parks a missing configured location', () => {
    const park = parked(
      mapApprovedOrder(order(), customer(), reference(), { ...SETTINGS, location: 'Nowhere' }),
    );
    expect(park.code).toBe('missing-location');
  });

  it('parks when there is no location', () => {
    const park = parked(
      mapApprovedOrder(
        order(),
        customer({ location: null }),
        reference({ locations: [] }),
        SETTINGS,
      ),
    );
    expect(park.code).toBe('missing-location');
  });

  it('parks a compound tax rule', () => {
    const compound = taxRule('Compound', 15, {
      components: [
        { name: 'A', percent: taxRule('x', 10).taxPercent, compound: false },
        { name: 'B', percent: taxRule('y', 5).taxPercent, compound: true },
      ],
    });
    const park = parked(
      mapApprovedOrder(order(), customer(), reference({ taxRules: [compound] }), {
        ...SETTINGS,
        taxRule: 'Compound',
      }),
    );
    expect(park.code).toBe('unsupported-tax-rule');
  });

  it('parks an inactive or unknown configured rule', () => {
    const inactive = taxRule('Old GST', 12.5, { isActive: false });
    const settings = { ...SETTINGS, taxRule: 'Old GST' };
    expect(
      parked(mapApprovedOrder(order(), customer(), reference({ taxRules: [inactive] }), settings))
        .code,
    ).toBe('unsupported-tax-rule');
    expect(
      parked(mapApprovedOrder(order(), customer(), reference({ taxRules: [] }), settings)).code,
    ).toBe('unsupported-tax-rule');
  });

  it('parks an unknown tax calculation method', () => {
    const odd = reference({ me: me({ taxCalculationMethod: 'Per Unit' }) });
    expect(parked(mapApprovedOrder(order(), customer(), odd, SETTINGS)).code).toBe(
      'unsupported-tax-rule',
    );
  });

  it('parks a line total that cannot be reproduced', () => {
    const off = order({
      lines: [line(PRODUCT_A.id, PRODUCT_A.sku, { lineTotal: '45.0100' })],
    });
    const park = parked(mapApprovedOrder(off, customer(), reference(), SETTINGS));
    expect(park.code).toBe('not-representable');
  });
});

describe('quantity decimal places', () => {
  const twoPlaces = () => reference({ me: me({ maxQuantityDecimals: 2 }) });

  it('parks more decimals than /me allows', () => {
    const fine = order({
      lines: [line(PRODUCT_A.id, 'COF-BEAN-1KG', { quantity: '1.255', lineTotal: '5.6475' })],
    });
    const park = parked(mapApprovedOrder(fine, customer(), twoPlaces(), SETTINGS));
    expect(park.code).toBe('quantity-precision');
    expect(park.message).toContain('1.255');
    expect(park.message).toContain('keeps 2');
  });

  it('accepts quantities within the limit', () => {
    const fine = order({
      lines: [line(PRODUCT_A.id, 'COF-BEAN-1KG', { quantity: '1.5', lineTotal: '6.7500' })],
      freight: '0.0000',
    });
    const { saleOrder } = mapped(mapApprovedOrder(fine, customer(), twoPlaces(), SETTINGS));
    expect(saleOrder.Lines[0]!.Quantity).toBe(1.5);
  });

  it('parks a quantity below 1', () => {
    const small = order({
      lines: [line(PRODUCT_A.id, 'COF-BEAN-1KG', { quantity: '0.5', lineTotal: '2.2500' })],
    });
    const park = parked(mapApprovedOrder(small, customer(), reference(), SETTINGS));
    expect(park.code).toBe('not-representable');
    expect(park.message).toContain('at least 1');
  });
});
