import { z } from 'zod';
import type { IpcChannel, IpcRequest } from '../../../shared/ipc.js';
import { JOB_NAMES, type JobName } from '../../../shared/sync.js';
import { settingsSchema } from '../../settings/schema.js';

/**
 * One zod schema per IPC channel. The mapped type makes the build fail when a channel of
 * `IpcContract` has no schema, or when a schema's output does not match the channel's request.
 */
export type RequestSchemas = { [C in IpcChannel]: z.ZodType<IpcRequest<C>, unknown> };

/** Channels without a request accept `undefined` (or `null`, which IPC may turn it into). */
const noRequest = z.union([z.undefined(), z.null()]).transform((): void => undefined);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const jobName = z.enum(JOB_NAMES as [JobName, ...JobName[]]);

/** The maximum pause the window may request: one week, in minutes. */
export const MAX_PAUSE_MINUTES = 7 * 24 * 60;

export const requestSchemas = {
  'status:get': noRequest,
  'dear:connect': z.strictObject({
    accountId: z
      .string()
      .trim()
      .regex(GUID, 'must be the Account ID GUID shown in Cin7 Core under Integrations → API'),
    applicationKey: z
      .string()
      .trim()
      .regex(GUID, 'must be the Application Key GUID shown in Cin7 Core under Integrations → API'),
  }),
  'upstock:connect': z.strictObject({ token: z.string().trim().min(8).max(4096) }),
  'agent:disconnect': z.strictObject({ keepData: z.boolean() }),
  'products:list': z.strictObject({
    search: z.string().max(200).optional(),
    category: z.string().max(200).optional(),
    brand: z.string().max(200).optional(),
    status: z.string().max(50).optional(),
    imported: z.boolean().optional(),
    selected: z.boolean().optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),
  'products:facets': noRequest,
  'products:select': z.strictObject({
    ids: z.array(z.string().min(1).max(100)).max(100_000),
    selected: z.boolean(),
  }),
  'sync:now': z.strictObject({ job: jobName.optional() }),
  'sync:pause': z.strictObject({
    minutes: z.number().int().min(1).max(MAX_PAUSE_MINUTES).nullable(),
  }),
  'sync:resume': noRequest,
  'runs:list': z.strictObject({
    job: jobName.optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  }),
  'orders:attention': noRequest,
  'orders:retry': z.strictObject({ orderId: z.string().trim().min(1).max(100) }),
  'settings:get': noRequest,
  // Sections are whole, as in `Partial<Settings>`; the settings store validates the merge again.
  'settings:update': settingsSchema.partial(),
  'notifications:list': noRequest,
} satisfies RequestSchemas;
