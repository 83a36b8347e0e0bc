import { Decimal } from 'decimal.js';
import { combinedStatuses } from './sale-status.js';
import type { SimSale } from './sale-types.js';
import type { SimState } from './state.js';

/** Response shapes for sales: `GET sale`, `GET sale/order` and one `saleList` row. */

function withDisplayLines(address: unknown): unknown {
  if (!address || typeof address !== 'object') return address ?? null;
  const fields = address as Record<string, unknown>;
  const parts = (names: string[]) =>
    names
      .map((name) => fields[name])
      .filter((part) => typeof part === 'string' && part !== '')
      .join(' ');
  return {
    DisplayAddressLine1: parts(['Line1', 'Line2']),
    DisplayAddressLine2: parts(['City', 'State', 'Postcode', 'Country']),
    ...fields,
  };
}

/** `GET sale/order` and the `POST sale/order` response. */
export function saleOrderView(sale: SimSale): Record<string, unknown> {
  return {
    SaleID: sale.id,
    SaleOrderNumber: sale.order.SaleOrderNumber,
    Memo: sale.order.Memo,
    Status: sale.order.Status,
    Lines: sale.order.Lines,
    AdditionalCharges: sale.order.AdditionalCharges,
    TotalBeforeTax: sale.order.TotalBeforeTax,
    Tax: sale.order.Tax,
    Total: sale.order.Total,
  };
}

function fulfilments(state: SimState, sale: SimSale): Record<string, unknown>[] {
  const header = sale.header;
  const location = header.Location;
  const shipTask = (status: string, lines: unknown[]) => ({
    Status: status,
    RequireBy: header.ShipBy ?? null,
    ShippingAddress: withDisplayLines(header.ShippingAddress),
    ShippingNotes: header.ShippingNotes ?? null,
    Lines: lines,
  });
  if (sale.order.Status !== 'AUTHORISED' && sale.shipments.length === 0) return [];
  if (sale.shipments.length === 0) {
    return [
      {
        TaskID: sale.id,
        FulfillmentNumber: 1,
        LinkedInvoiceNumber: null,
        FulFilmentStatus: sale.status === 'VOIDED' ? 'VOIDED' : 'NOT FULFILLED',
        Pick: { Status: 'NOT AVAILABLE', Lines: [] },
        Pack: { Status: 'NOT AVAILABLE', Lines: [] },
        Ship: shipTask('NOT AVAILABLE', []),
      },
    ];
  }
  const locationId =
    typeof location === 'string' ? (state.findLocation(location)?.ID ?? null) : null;
  return sale.shipments.map((shipment) => {
    const taskLines = (withBox: boolean) =>
      shipment.lines.map((line) => ({
        ProductID: line.productId,
        SKU: line.sku,
        Name: line.name,
        Location: location,
        LocationID: locationId,
        Quantity: line.quantity,
        BatchSN: null,
        ExpiryDate: null,
        ...(withBox ? { Box: shipment.boxes, WarrantyRegistrationNumber: null } : {}),
        NonInventory: false,
      }));
    return {
      TaskID: shipment.taskId,
      FulfillmentNumber: shipment.number,
      LinkedInvoiceNumber: null,
      FulFilmentStatus: 'FULFILLED',
      Pick: { Status: 'AUTHORISED', Lines: taskLines(false) },
      Pack: { Status: 'AUTHORISED', Lines: taskLines(true) },
      Ship: shipTask('AUTHORISED', [
        {
          ID: shipment.shipLineId,
          ShipmentDate: shipment.shipmentDate,
          Carrier: shipment.carrier,
          Boxes: shipment.boxes,
          TrackingNumber: shipment.trackingNumber,
          TrackingURL: '',
          IsShipped: true,
        },
      ]),
    };
  });
}

/** `GET sale?ID=` and the `POST sale` response: header, statuses, quote, order, fulfilments. */
export function saleView(state: SimState, sale: SimSale): Record<string, unknown> {
  const { SaleType: saleType, ...header } = sale.header;
  const cogs = sale.order.Lines.reduce(
    (sum, line) => sum.plus(line.AverageCost.times(line.Quantity)),
    new Decimal(0),
  );
  return {
    ID: sale.id,
    ...header,
    BillingAddress: withDisplayLines(header.BillingAddress),
    ShippingAddress: withDisplayLines(header.ShippingAddress),
    BaseCurrency: state.me.Currency,
    CustomerCurrency: sale.customerCurrency,
    TaxCalculation: header.TaxInclusive ? 'Inclusive' : 'Exclusive',
    LastModifiedOn: sale.updated,
    COGSAmount: cogs.toDecimalPlaces(4),
    Type: sale.shipments.length > 1 || saleType === 'Advanced' ? 'Advanced Sale' : 'Simple Sale',
    Status: sale.status,
    ...combinedStatuses(sale),
    SourceChannel: null,
    Quote: {
      Memo: '',
      Status: sale.quoteStatus,
      Lines: [],
      AdditionalCharges: [],
      TotalBeforeTax: 0,
      Tax: 0,
      Total: 0,
    },
    Order: {
      SaleOrderNumber: sale.order.SaleOrderNumber,
      Memo: sale.order.Memo,
      Status: sale.order.Status,
      AutoPickPackShipMode: sale.order.AutoPickPackShipMode,
      Lines: sale.order.Lines,
      AdditionalCharges: sale.order.AdditionalCharges,
      TotalBeforeTax: sale.order.TotalBeforeTax,
      Tax: sale.order.Tax,
      Total: sale.order.Total,
    },
    Fulfilments: fulfilments(state, sale),
    Invoices: [],
    CreditNotes: [],
    Attachments: [],
    InventoryMovements: [],
    Transactions: [],
  };
}

/** Builds one `saleList` row. */
export function saleListRow(state: SimState, sale: SimSale): Record<string, unknown> {
  const statuses = combinedStatuses(sale);
  const location =
    typeof sale.header.Location === 'string' ? state.findLocation(sale.header.Location) : undefined;
  return {
    SaleID: sale.id,
    OrderNumber: sale.order.SaleOrderNumber ?? '',
    Status: sale.status,
    OrderDate: sale.header.SaleOrderDate ?? null,
    InvoiceDate: null,
    Customer: sale.customerName,
    CustomerID: sale.customerId,
    InvoiceNumber: '',
    CustomerReference: sale.header.CustomerReference ?? '',
    InvoiceAmount: sale.order.Total,
    PaidAmount: 0,
    SaleInvoicesTotalAmount: 0,
    InvoiceDueDate: null,
    ShipBy: sale.header.ShipBy ?? null,
    BaseCurrency: state.me.Currency,
    CustomerCurrency: sale.customerCurrency,
    CreditNoteNumber: '',
    Updated: sale.updated,
    QuoteStatus: sale.quoteStatus,
    OrderStatus: sale.order.Status,
    CombinedPickingStatus: statuses.CombinedPickingStatus,
    CombinedPackingStatus: statuses.CombinedPackingStatus,
    CombinedShippingStatus: statuses.CombinedShippingStatus,
    FulFilmentStatus: statuses.FulFilmentStatus,
    CombinedInvoiceStatus: statuses.CombinedInvoiceStatus,
    CombinedPaymentTotal: 0,
    CreditNoteStatus: 'NOT AVAILABLE',
    CombinedPaymentStatus: statuses.CombinedPaymentStatus,
    Type:
      sale.shipments.length > 1 || sale.header.SaleType === 'Advanced'
        ? 'Advanced Sale'
        : 'Simple Sale',
    CombinedTrackingNumbers: statuses.CombinedTrackingNumbers,
    SourceChannel: null,
    ExternalID: sale.header.ExternalID ?? null,
    OrderLocationID: location?.ID ?? null,
    RestockStatus: 'NOT AVAILABLE',
  };
}
