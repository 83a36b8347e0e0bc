import { getLogger } from '../log/logger.js';
import type { Store } from '../store/types.js';
import type { UpstockPort } from '../sync/ports.js';
import { readUpstockAccount } from '../sync/upstock-account.js';

const log = getLogger('orders');

const SUPPLIER_CURSOR = 'orders.upstockSupplierId';

/**
 * Returns the Upstock supplier ID of the connected token and stores it in the data folder. The
 * account is read with `GET account` at most once per `ACCOUNT_MAX_AGE_MS` for the same client,
 * shared with the import jobs. Throws what the client throws, because a sale's ExternalID must
 * not be written without the supplier ID.
 */
export async function readSupplierId(
  upstock: Pick<UpstockPort, 'account'>,
  store: Store,
): Promise<string> {
  const stored = store.cursors.get(SUPPLIER_CURSOR);
  const { supplierId } = await readUpstockAccount(upstock);
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
