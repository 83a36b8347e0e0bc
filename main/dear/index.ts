/** The Cin7 Core client: HTTP with retries, the shared rate limiter, dates and record parsing. */
export { DearClient } from './client.js';
export type {
  DearClientOptions,
  DearPage,
  DearRawRecord,
  DearRetryEvent,
  DearStats,
  ListOptions,
  SaleListFilters,
  WriteOptions,
} from './client.js';
export {
  DearApiError,
  DearCredentialsError,
  DearError,
  DearNetworkError,
  DearThrottledError,
} from './errors.js';
export {
  DEFAULT_LIMITER_OPTIONS,
  forgetSharedLimiter,
  getSharedLimiter,
  RateLimiter,
  type RateLimiterOptions,
} from './limiter.js';
export { formatDearDate, formatDearDateTime, parseDearDate } from './dates.js';
export * from './parse.js';
export type * from './records.js';
