import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';

/** Accepted values per kind of setting, quoted in validation errors. */
export const ACCEPTED = {
  url: 'an http:// or https:// URL',
  cron:
    'a cron expression of 5 fields (minute hour day-of-month month day-of-week) or 6 ' +
    '(seconds first), such as "*/15 * * * *"',
  positiveInteger: 'a whole number greater than 0',
  nonNegativeInteger: 'a whole number of 0 or more',
  saleStatus: '"DRAFT" or "AUTHORISED"',
  updateChannel: '"latest" or "beta"',
  boolean: 'true or false',
  name: 'a non-empty text',
  nameOrNull: 'a non-empty text, or null for the default',
} as const;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const url = z.string().refine(isHttpUrl, { error: ACCEPTED.url });
const cron = z.string().refine((value) => isValidCron(value), { error: ACCEPTED.cron });
const positiveInteger = z.number({ error: ACCEPTED.positiveInteger }).int().positive({
  error: ACCEPTED.positiveInteger,
});
const name = z.string({ error: ACCEPTED.name }).trim().min(1, { error: ACCEPTED.name });
const nameOrNull = z
  .string({ error: ACCEPTED.nameOrNull })
  .trim()
  .min(1, { error: ACCEPTED.nameOrNull })
  .nullable();

/**
 * The zod schema of `Settings`. Objects are strict, so a misspelled key is reported instead of
 * saved. Messages are the accepted values from `ACCEPTED`.
 */
export const settingsSchema = z.strictObject({
  dear: z.strictObject({
    baseUrl: url,
    accountId: nameOrNull,
    callsPerWindow: positiveInteger,
    rateWindowMs: positiveInteger,
  }),
  upstock: z.strictObject({
    baseUrl: url,
  }),
  schedules: z.strictObject({
    catalog: cron,
    prices: cron,
    reference: cron,
    orders: cron,
    shipments: cron,
    fullResync: cron,
  }),
  orders: z.strictObject({
    saleStatus: z.enum(['DRAFT', 'AUTHORISED'], { error: ACCEPTED.saleStatus }),
    freightProduct: name,
    taxRule: nameOrNull,
    location: nameOrNull,
    fallbackSalesRep: name,
  }),
  sync: z.strictObject({
    // 0 turns the overlap off, which is valid when the clocks are known to agree.
    overlapMinutes: z
      .number({ error: ACCEPTED.nonNegativeInteger })
      .int({ error: ACCEPTED.nonNegativeInteger })
      .nonnegative({ error: ACCEPTED.nonNegativeInteger }),
  }),
  app: z.strictObject({
    startAtLogin: z.boolean({ error: ACCEPTED.boolean }),
    updateChannel: z.enum(['latest', 'beta'], { error: ACCEPTED.updateChannel }),
  }),
});
