import { describe, expect, it } from 'vitest';
import { parseProduct, parsePriceTiers, tierNamesOf } from '../../main/dear/parse.js';
import type { DearProduct, ParseResult } from '../../main/dear/records.js';
import { sampleSeed } from '../../main/sample/sample-merchant.js';
import { SAMPLE_TIER_NAMES } from '../../main/sample/sample-reference.js';

const TIERS = [...SAMPLE_TIER_NAMES];

function baseProduct(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ID: '7b1c2d3e-0000-4a6b-9c8d-112233445566',
    SKU: 'COF-BEAN-1KG',
    Name: 'House Blend Coffee Beans 1kg',
    Category: 'Coffee',
    Brand: 'Harbour Roasters',
    Type: 'Stock',
    Status: 'Active',
    UOM: 'Bag',
    Tags: 'coffee, wholesale,,',
    Sellable: true,
    PriceTier1: 32.5,
    PriceTier2: '28.0000',
    LastModifiedOn: '2025-06-30T21:14:05.27Z',
    ...overrides,
  };
}

function expectProduct(result: ParseResult<DearProduct>): DearProduct {
  if (!result.ok) throw new Error(`expected success, got ${result.field}: ${result.reason}`);
  return result.value;
}

function expectFailure(result: ParseResult<DearProduct>) {
  if (result.ok) throw new Error('expected a failure');
  return result;
}

describe('parseProduct', () => {
  it('parses every sample product', () => {
    const seed = sampleSeed();
    const tierNames = tierNamesOf(expectOk(parsePriceTiers({ PriceTiers: seed.priceTiers })));
    for (const raw of seed.products) {
      const product = expectProduct(parseProduct(raw, tierNames));
      expect(product.id).toBe(raw.ID);
      expect(product.tierPrices).toHaveLength(10);
    }
  });

  it('reads money as Decimal from numbers and strings', () => {
    const product = expectProduct(parseProduct(baseProduct(), TIERS));
    expect(product.tierPrices[0]?.toFixed(4)).toBe('32.5000');
    expect(product.tierPrices[1]?.toFixed(4)).toBe('28.0000');
    expect(product.tierPrices[2]?.isZero()).toBe(true);
  });

  it('splits comma-delimited tags and reads the date', () => {
    const product = expectProduct(parseProduct(baseProduct(), TIERS));
    expect(product.tags).toEqual(['coffee', 'wholesale']);
    expect(product.lastModifiedOn.toISOString()).toBe('2025-06-30T21:14:05.270Z');
  });

  it('falls back to PriceTiers by tier name', () => {
    const raw = baseProduct({
      PriceTier1: undefined,
      PriceTier2: undefined,
      PriceTiers: { Retail: 30, Wholesale: '25.5', Export: 19.99 },
    });
    const product = expectProduct(parseProduct(raw, TIERS));
    expect(product.tierPrices[0]?.toString()).toBe('30');
    expect(product.tierPrices[1]?.toString()).toBe('25.5');
    expect(product.tierPrices[6]?.toString()).toBe('19.99');
  });

  it('prefers PriceTier1..10 over PriceTiers', () => {
    const raw = baseProduct({ PriceTiers: { Retail: 99 } });
    expect(expectProduct(parseProduct(raw, TIERS)).tierPrices[0]?.toString()).toBe('32.5');
  });

  it('reports a PriceTiers name the tenant does not have', () => {
    const raw = baseProduct({
      PriceTier1: undefined,
      PriceTier2: undefined,
      PriceTiers: { VIP: 10 },
    });
    const failure = expectFailure(parseProduct(raw, TIERS));
    expect(failure.recordId).toBe('7b1c2d3e-0000-4a6b-9c8d-112233445566');
    expect(failure.label).toBe('COF-BEAN-1KG');
    expect(failure.field).toBe('PriceTiers.VIP');
    expect(failure.reason).toContain('"VIP"');
    expect(failure.reason).toContain('Wholesale');
  });

  it('reports a negative tier price', () => {
    const failure = expectFailure(parseProduct(baseProduct({ PriceTier3: -10 }), TIERS));
    expect(failure.recordId).toBe('7b1c2d3e-0000-4a6b-9c8d-112233445566');
    expect(failure.label).toBe('COF-BEAN-1KG');
    expect(failure.field).toBe('PriceTier3');
    expect(failure.reason).toContain('-10');
    expect(failure.reason).toContain('negative price');
    expect(failure.reason).toContain('Correct it in Cin7 Core');
  });

  it('reports a negative price in PriceTiers', () => {
    const raw = baseProduct({
      PriceTier1: undefined,
      PriceTier2: undefined,
      PriceTiers: { [TIERS[1]!]: '-0.0100' },
    });
    const failure = expectFailure(parseProduct(raw, TIERS));
    expect(failure.field).toBe(`PriceTiers.${TIERS[1]!}`);
    expect(failure.reason).toContain('negative price');
  });

  it('accepts a tier price of 0', () => {
    const product = expectProduct(parseProduct(baseProduct({ PriceTier1: 0 }), TIERS));
    expect(product.tierPrices[0]!.isZero()).toBe(true);
  });

  it.each([
    ['NonInventory', 'NonInventory'],
    ['Non-Inventory', 'NonInventory'],
    ['Non Inventory', 'NonInventory'],
    ['service', 'Service'],
    ['Stock', 'Stock'],
    ['Bundle', 'Bundle'],
  ])('normalises type %s', (type, expected) => {
    expect(expectProduct(parseProduct(baseProduct({ Type: type }), TIERS)).type).toBe(expected);
  });

  it('passes HTML and emoji as text', () => {
    const raw = baseProduct({
      Name: 'Cold brew ☕🧊 <b>limited</b>',
      Description: '<p>Smooth &amp; sweet</p>\n<ul><li>1kg</li></ul> 🎉',
    });
    const product = expectProduct(parseProduct(raw, TIERS));
    expect(product.name).toBe('Cold brew ☕🧊 <b>limited</b>');
    expect(product.description).toContain('<ul>');
  });

  it('counts an emoji as one character against the length limit', () => {
    const name = '☕'.repeat(256);
    expect(expectProduct(parseProduct(baseProduct({ Name: name }), TIERS)).name).toBe(name);
  });

  it('reports a name over 256 characters', () => {
    const failure = expectFailure(parseProduct(baseProduct({ Name: 'x'.repeat(5000) }), TIERS));
    expect(failure.field).toBe('Name');
    expect(failure.reason).toContain('5000 characters');
    expect(failure.reason).toContain('256');
    expect(failure.reason).toContain('Shorten it in Cin7 Core');
  });

  it('reports a missing ID with the SKU as label', () => {
    const failure = expectFailure(parseProduct(baseProduct({ ID: undefined }), TIERS));
    expect(failure.recordId).toBe('(missing ID)');
    expect(failure.label).toBe('COF-BEAN-1KG');
    expect(failure.field).toBe('ID');
    expect(failure.reason).toContain('is missing');
  });

  it('labels an empty-SKU failure with the name', () => {
    const failure = expectFailure(parseProduct(baseProduct({ SKU: '  ' }), TIERS));
    expect(failure.field).toBe('SKU');
    expect(failure.label).toBe('House Blend Coffee Beans 1kg');
  });

  it.each([
    ['SKU', 12345, 'should be text'],
    ['PriceTier3', 'twelve', 'should be a number'],
    ['Sellable', 'maybe', 'should be true or false'],
    ['LastModifiedOn', '30/06/2025', 'is not a date'],
    ['Tags', { a: 1 }, 'comma-separated'],
    ['Attachments', 'none', 'should be a list'],
  ])('reports a wrong type in %s', (field, value, reason) => {
    const failure = expectFailure(parseProduct(baseProduct({ [field]: value }), TIERS));
    expect(failure.field).toBe(field);
    expect(failure.reason).toContain(reason);
  });

  it('names the attachment field that is wrong', () => {
    const raw = baseProduct({
      Attachments: [{ ID: 'a1', DownloadUrl: 'https://x/1' }, { ID: 'a2' }],
    });
    const failure = expectFailure(parseProduct(raw, TIERS));
    expect(failure.field).toBe('Attachments[1].DownloadUrl');
  });

  it('reads attachments with a string IsDefault', () => {
    const raw = baseProduct({
      Attachments: [
        {
          ID: 'a1',
          ContentType: 'image/jpeg',
          FileName: 'a.jpg',
          DownloadUrl: 'https://x/a',
          IsDefault: 'true',
        },
      ],
    });
    const [attachment] = expectProduct(parseProduct(raw, TIERS)).attachments;
    expect(attachment?.isDefault).toBe(true);
    expect(attachment?.fileName).toBe('a.jpg');
  });

  it('rejects a record that is not an object', () => {
    const failure = expectFailure(parseProduct('oops', TIERS));
    expect(failure.recordId).toBe('(missing ID)');
    expect(failure.field).toBe('(record)');
  });
});

describe('parsePriceTiers', () => {
  it('sorts tiers by code and maps names by position', () => {
    const tiers = expectOk(
      parsePriceTiers({
        PriceTiers: [
          { Code: 2, Name: 'Wholesale' },
          { Code: 1, Name: 'Retail' },
        ],
      }),
    );
    expect(tiers).toEqual([
      { code: 1, name: 'Retail' },
      { code: 2, name: 'Wholesale' },
    ]);
    expect(tierNamesOf(tiers).slice(0, 3)).toEqual(['Retail', 'Wholesale', 'Tier 3']);
  });

  it('reports two tiers with the same name', () => {
    const result = parsePriceTiers([
      { Code: 1, Name: 'Retail' },
      { Code: 4, Name: 'retail' },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('PriceTier1 and PriceTier4');
  });

  it('reports a code outside 1..10', () => {
    const result = parsePriceTiers([{ Code: 11, Name: 'Extra' }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.field).toBe('PriceTiers[0].Code');
  });
});

function expectOk<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.field}: ${result.reason}`);
  return result.value;
}
