import type { DearAddress, DearAttachment, DearCustomer, DearProduct } from '../dear/records.js';
import type { RecordFailure } from '../../shared/sync.js';
import type {
  AddressType,
  WireAddress,
  WireContact,
  WireCustomerInput,
  WireProductInput,
} from '../upstock/wire.js';

/** Upstock's longest description or note, in characters. */
const MAX_TEXT = 4000;
/** Upstock keeps at most 20 image URLs per product. */
const MAX_IMAGES = 20;

/**
 * Builds the Upstock product for a Cin7 Core product. It is discontinued when Cin7 Core
 * deprecated it, it is not sellable, or the merchant no longer selects it. Images are the
 * attachments that look like pictures, the default one first; notes carry the short
 * description. Text longer than Upstock accepts is cut, with a line in `notices`.
 */
export function toUpstockProduct(
  product: DearProduct,
  options: { selected: boolean },
  notices: string[] = [],
): WireProductInput {
  const discontinued = !options.selected || product.status === 'Deprecated' || !product.sellable;
  return {
    externalId: product.id,
    code: product.sku,
    name: product.name,
    description: limitText(product.description, 'Description', notices),
    category: product.category,
    brand: product.brand,
    unit: product.uom,
    barcode: product.barcode,
    imageUrls: imageUrls(product.attachments),
    notes: limitText(product.shortDescription, 'ShortDescription', notices),
    availability: discontinued ? 'discontinued' : 'available',
  };
}

function imageUrls(attachments: readonly DearAttachment[]): string[] {
  const images = attachments.filter(
    (attachment) => isImage(attachment) && isHttpUrl(attachment.downloadUrl),
  );
  images.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  return images.slice(0, MAX_IMAGES).map((attachment) => attachment.downloadUrl);
}

function isImage(attachment: DearAttachment): boolean {
  if (attachment.contentType) return attachment.contentType.toLowerCase().startsWith('image/');
  return /\.(jpe?g|png|gif|webp|bmp|svg)$/i.test(attachment.fileName ?? '');
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function limitText(text: string | null, field: string, notices: string[]): string | null {
  if (text === null || text.length <= MAX_TEXT) return text;
  notices.push(`${field} has ${text.length} characters; Upstock keeps the first ${MAX_TEXT}`);
  return text.slice(0, MAX_TEXT);
}

/**
 * Builds the Upstock customer for a Cin7 Core customer: contacts, addresses keyed by their
 * Cin7 Core address IDs, sales rep, tax rule, payment term and the assigned price list.
 * Deprecated customers are sent inactive. An address Upstock would reject (no ID, no first
 * line, no country, an unknown type) is left out and described in `failures`.
 */
export function toUpstockCustomer(
  customer: DearCustomer,
  options: { priceListKey: string | null | undefined; baseCurrency: string },
  failures: RecordFailure[] = [],
): WireCustomerInput {
  const addresses: WireAddress[] = [];
  const addressIds = new Set<string>();
  customer.addresses.forEach((address, index) => {
    const problem = addressProblem(address, addressIds);
    if (problem) {
      failures.push({
        entity: 'customers',
        recordId: customer.id,
        label: customer.name,
        field: `Addresses[${index}].${problem.field}`,
        reason: `${problem.reason} The address was left out of Upstock; correct it in Cin7 Core.`,
      });
      return;
    }
    addressIds.add(address.id!);
    addresses.push(toWireAddress(address));
  });

  const currency =
    customer.currency && /^[A-Z]{3}$/.test(customer.currency)
      ? customer.currency
      : options.baseCurrency;
  return {
    externalId: customer.id,
    name: customer.name,
    contacts: customer.contacts.filter((contact) => contact.name.trim() !== '').map(toWireContact),
    addresses,
    ...(options.priceListKey === undefined ? {} : { priceListKey: options.priceListKey }),
    salesRep: customer.salesRepresentative,
    taxRule: customer.taxRule,
    paymentTerm: customer.paymentTerm,
    currency,
    active: customer.status !== 'Deprecated',
  };
}

function toWireContact(contact: DearCustomer['contacts'][number]): WireContact {
  return {
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    mobile: contact.mobilePhone,
    jobTitle: contact.jobTitle,
    default: contact.isDefault,
  };
}

function addressProblem(
  address: DearAddress,
  seen: ReadonlySet<string>,
): { field: string; reason: string } | null {
  if (!address.id) return { field: 'ID', reason: 'The address has no ID.' };
  if (seen.has(address.id))
    return { field: 'ID', reason: `Address ID ${address.id} appears twice.` };
  if (address.line1.trim() === '')
    return { field: 'Line1', reason: 'The address has no first line.' };
  if (address.country.trim() === '')
    return { field: 'Country', reason: 'The address has no country.' };
  if (!addressType(address.type)) {
    return {
      field: 'Type',
      reason: `Address type "${address.type}" is not Billing, Business or Shipping.`,
    };
  }
  return null;
}

function addressType(type: string): AddressType | null {
  const lower = type.trim().toLowerCase();
  return lower === 'billing' || lower === 'shipping' || lower === 'business' ? lower : null;
}

function toWireAddress(address: DearAddress): WireAddress {
  return {
    externalId: address.id!,
    type: addressType(address.type)!,
    default: address.defaultForType,
    line1: address.line1,
    line2: address.line2,
    city: address.city,
    state: address.state,
    postcode: address.postcode,
    country: address.country,
  };
}
