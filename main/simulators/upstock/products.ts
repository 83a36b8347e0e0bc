import type {
  ProductAvailability,
  WireBatchResponse,
  WireProduct,
  WireProductInput,
} from '../../upstock/wire.js';
import { applyBatch, contentKey, readBatch, type RecordCheck } from './batch.js';
import { FieldReader, isHttpUrl } from './fields.js';
import { newId, type SimContext } from './state.js';

const AVAILABILITIES: readonly ProductAvailability[] = [
  'available',
  'out_of_stock',
  'discontinued',
];

type ProductContent = Required<WireProductInput>;

/**
 * Upserts a product batch (`POST /v1/products/batch`). Returns one result per record; throws a
 * 400 problem only when the body itself is malformed.
 */
export function upsertProducts(context: SimContext, body: unknown): WireBatchResponse {
  const records = readBatch(body, 'products');
  return applyBatch(
    records,
    (raw) => checkProduct(context, raw),
    (product) => storeProduct(context, product),
  );
}

function checkProduct(context: SimContext, raw: unknown): RecordCheck<ProductContent> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [{ field: '(record)', reason: 'Each product must be an object.' }],
    };
  }
  const fields = new FieldReader(raw as Record<string, unknown>);
  const product: ProductContent = {
    externalId: fields.requiredText('externalId', 200),
    code: fields.requiredText('code', 200),
    name: fields.requiredText('name', 500),
    description: fields.optionalText('description'),
    category: fields.optionalText('category', 200),
    brand: fields.optionalText('brand', 200),
    unit: fields.optionalText('unit', 100),
    barcode: fields.optionalText('barcode', 100),
    imageUrls: fields.array('imageUrls', 20, (url, index) => {
      if (typeof url !== 'string' || !isHttpUrl(url)) {
        fields.fail(`imageUrls[${index}]`, 'Each image URL must be an absolute http(s) URL.');
      }
      return String(url);
    }),
    notes: fields.optionalText('notes'),
    availability: fields.oneOf('availability', AVAILABILITIES),
  };

  if (product.code !== '' && product.availability !== 'discontinued') {
    const holder = findActiveProductByCode(context, product.code, product.externalId);
    if (holder) {
      fields.fail(
        'code',
        `code "${product.code}" is already used by product ${holder.externalId}; codes must be unique among products that are not discontinued.`,
      );
    }
  }
  return fields.errors.length > 0
    ? { ok: false, errors: fields.errors }
    : { ok: true, value: product };
}

function findActiveProductByCode(
  context: SimContext,
  code: string,
  exceptExternalId: string,
): WireProduct | undefined {
  const holderId = context.state.productCodes.get(code.toLowerCase());
  if (holderId === undefined || holderId === exceptExternalId) return undefined;
  return context.state.products.get(holderId);
}

/** Keeps the code index in step with a product that is being replaced by `next`. */
function indexCode(
  context: SimContext,
  previous: WireProduct | undefined,
  next: WireProduct,
): void {
  const codes = context.state.productCodes;
  if (previous && codes.get(previous.code.toLowerCase()) === previous.externalId) {
    codes.delete(previous.code.toLowerCase());
  }
  if (next.availability !== 'discontinued') codes.set(next.code.toLowerCase(), next.externalId);
}

function storeProduct(
  context: SimContext,
  content: ProductContent,
): { id: string; result: 'created' | 'updated' | 'unchanged' } {
  const products = context.state.products;
  const existing = products.get(content.externalId);
  const now = context.now().toISOString();

  if (!existing) {
    const id = newId(context.state, 'prd');
    const created: WireProduct = { ...content, id, createdAt: now, updatedAt: now };
    products.set(content.externalId, created);
    indexCode(context, undefined, created);
    return { id, result: 'created' };
  }
  if (contentKey(productContent(existing)) === contentKey(content)) {
    return { id: existing.id, result: 'unchanged' };
  }
  const updated: WireProduct = { ...existing, ...content, updatedAt: now };
  products.set(content.externalId, updated);
  indexCode(context, existing, updated);
  return { id: existing.id, result: 'updated' };
}

/** Returns the fields the agent sends, in the order `checkProduct` builds them. */
function productContent(product: WireProduct): ProductContent {
  return {
    externalId: product.externalId,
    code: product.code,
    name: product.name,
    description: product.description,
    category: product.category,
    brand: product.brand,
    unit: product.unit,
    barcode: product.barcode,
    imageUrls: product.imageUrls,
    notes: product.notes,
    availability: product.availability,
  };
}
