import type { DearAddress, DearCustomer } from '../../dear/records.js';
import type { WireOrderAddress } from '../../upstock/wire.js';
import type { DearSaleAddress } from './types.js';

/**
 * Builds the sale's billing or shipping address. When the order uses one of the customer's
 * own addresses (its `externalId` is a Cin7 Core address ID of this customer), the sale names
 * that record by `ID`. A one-off address goes without `ID`, and as a shipping address it
 * carries `ShipToOther: true`, so Cin7 Core does not add it to the customer record. When the
 * order has no address, the customer's default address of that type is used, or none.
 */
export function mapSaleAddress(
  orderAddress: WireOrderAddress | null,
  customer: DearCustomer,
  kind: 'billing' | 'shipping',
): DearSaleAddress | null {
  const shippingExtras =
    kind === 'shipping' ? { Company: customer.name, Contact: defaultContactName(customer) } : {};

  if (orderAddress) {
    const own = orderAddress.externalId
      ? customer.addresses.find((address) => address.id === orderAddress.externalId)
      : undefined;
    if (own) return { ...fromCustomerAddress(own), ...shippingExtras, ...shipToOther(kind, false) };
    return {
      Line1: orderAddress.line1,
      Line2: orderAddress.line2,
      City: orderAddress.city,
      State: orderAddress.state,
      Postcode: orderAddress.postcode,
      Country: orderAddress.country,
      ...shippingExtras,
      ...shipToOther(kind, true),
    };
  }

  const fallback = defaultAddress(customer, kind);
  if (!fallback) return null;
  return { ...fromCustomerAddress(fallback), ...shippingExtras, ...shipToOther(kind, false) };
}

function fromCustomerAddress(address: DearAddress): DearSaleAddress {
  return {
    ...(address.id ? { ID: address.id } : {}),
    Line1: address.line1,
    Line2: address.line2,
    City: address.city,
    State: address.state,
    Postcode: address.postcode,
    Country: address.country,
  };
}

function shipToOther(kind: 'billing' | 'shipping', value: boolean): { ShipToOther?: boolean } {
  return kind === 'shipping' ? { ShipToOther: value } : {};
}

function defaultAddress(customer: DearCustomer, kind: 'billing' | 'shipping'): DearAddress | null {
  const type = kind === 'billing' ? 'billing' : 'shipping';
  const ofType = customer.addresses.filter((address) => address.type.toLowerCase() === type);
  return ofType.find((address) => address.defaultForType) ?? ofType[0] ?? null;
}

/** Returns the customer's default contact name, else the first contact's, else null. */
export function defaultContactName(customer: DearCustomer): string | null {
  const contact = customer.contacts.find((c) => c.isDefault) ?? customer.contacts[0];
  return contact?.name ?? null;
}
