import type { Decimal } from 'decimal.js';

/** The simulator's internal sale. Amounts are Decimal; views turn them into JSON numbers. */

export interface SaleOrderLine {
  ProductID: string;
  SKU: string;
  Name: string;
  Quantity: Decimal;
  Price: Decimal;
  Discount: Decimal;
  Tax: Decimal;
  AverageCost: Decimal;
  TaxRule: string;
  Comment: string;
  DropShip: boolean;
  BackorderQuantity: Decimal;
  Total: Decimal;
}

export interface SaleAdditionalCharge {
  Description: string;
  Quantity: Decimal;
  Price: Decimal;
  Discount: Decimal;
  Tax: Decimal;
  Total: Decimal;
  TaxRule: string;
  Comment: string;
}

export interface SaleOrder {
  SaleOrderNumber: string | null;
  Memo: string;
  Status: 'NOT AVAILABLE' | 'DRAFT' | 'AUTHORISED' | 'VOIDED';
  AutoPickPackShipMode: string;
  Lines: SaleOrderLine[];
  AdditionalCharges: SaleAdditionalCharge[];
  TotalBeforeTax: Decimal;
  Tax: Decimal;
  Total: Decimal;
}

/** One shipment made through the control API; each becomes one fulfilment. */
export interface SaleShipment {
  taskId: string;
  number: number;
  lines: Array<{ productId: string; sku: string; name: string; quantity: Decimal }>;
  shipLineId: string;
  shipmentDate: string;
  carrier: string;
  trackingNumber: string;
  boxes: string;
}

export interface SimSale {
  id: string;
  /** Header fields as posted (and defaulted), served back by `GET sale`. */
  header: Record<string, unknown>;
  customerId: string;
  customerName: string;
  customerCurrency: string;
  createdTicks: bigint;
  /** `LastModifiedOn` of the sale and `Updated` of its saleList row. */
  updated: string;
  updatedTicks: bigint;
  status: string;
  quoteStatus: 'NOT AVAILABLE' | 'DRAFT' | 'AUTHORISED';
  order: SaleOrder;
  shipments: SaleShipment[];
  /** Stock this sale holds per product ID (authorised, not yet shipped, not backordered). */
  allocated: Map<string, Decimal>;
}
