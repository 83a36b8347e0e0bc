/**
 * Record parsing for Cin7 Core responses. Each function takes one raw record (or, for price
 * tiers, the whole list) and returns `{ ok: true, value }` or `{ ok: false, recordId, field,
 * reason }`, so one malformed record is reported while the rest of its page is imported.
 */
export { normalizeProductType, parseProduct, tierNamesOf, TIER_COUNT } from './parse-product.js';
export { parseCustomer } from './parse-customer.js';
export { parseDeal } from './parse-deal.js';
export {
  parseCarrier,
  parseCompanyContact,
  parseDiscountRule,
  parseLocation,
  parseMe,
  parsePriceTiers,
  parseTaxRule,
} from './parse-reference.js';
