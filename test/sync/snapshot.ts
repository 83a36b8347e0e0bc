import type { SimSnapshot } from '../../main/simulators/upstock/control.js';

/**
 * Returns the Upstock catalog without server-made IDs and timestamps, sorted, so two runs that
 * should end in the same state compare equal.
 */
export function comparableState(state: SimSnapshot) {
  const strip = <T extends object>(record: T) => {
    const {
      id: _id,
      createdAt: _created,
      updatedAt: _updated,
      ...rest
    } = record as Record<string, unknown>;
    return rest;
  };
  const byExternalId = (a: { externalId: string }, b: { externalId: string }) =>
    a.externalId.localeCompare(b.externalId);
  return {
    products: [...state.products].sort(byExternalId).map(strip),
    customers: [...state.customers].sort(byExternalId).map(strip),
    priceLists: [...state.priceLists]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((list) => ({
        key: list.key,
        name: list.name,
        prices: [...list.prices].sort((a, b) =>
          a.productExternalId.localeCompare(b.productExternalId),
        ),
      })),
  };
}
