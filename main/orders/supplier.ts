import type { WireAccount } from '../upstock/wire.js';
import { getLogger } from '../log/logger.js';
import type { Store } from '../store/types.js';

const log = getLogger('orders');

const SUPPLIER_CURSOR = 'orders.upstockSupplierId';

interface AccountReader {
  account(): Promise<WireAccount>;
}

function readsAccount(port: object): port is AccountReader {
  return typeof (port as Partial<AccountReader>).account === 'function';
}

/**
 * Returns the Upstock supplier ID of the connected token (one `GET account` call) and stores it
 * in the data folder. When the port has no `account` call, returns the stored ID. Throws when
 * neither is available, or what the client throws, because a sale's ExternalID must not be
 * written without the supplier ID.
 */
export async function readSupplierId(upstock: object, store: Store): Promise<string> {
  const stored = store.cursors.get(SUPPLIER_CURSOR);
  // NOTE: the runner's UpstockPort has no `account()`; UpstockClient has it, so the check is
  // made at run time until the port declares the call.
  if (!readsAccount(upstock)) {
    if (stored) return stored;
    throw new Error(
      'The Upstock client of this run cannot read the supplier account, and no supplier ID is ' +
        'stored yet, so orders cannot be pushed. Connect to Upstock again.',
    );
  }
  const { supplierId } = await upstock.account();
  if (stored !== supplierId) {
    if (stored) {
      log.warn(
        `The Upstock token now belongs to supplier ${supplierId}, not ${stored}; new sales ` +
          'carry the new supplier ID in their ExternalID',
      );
    }
    store.cursors.set(SUPPLIER_CURSOR, supplierId);
  }
  return supplierId;
}
