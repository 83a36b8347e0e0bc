import type { EntityCounts } from '../shared/sync.js';

/** Formats an ISO 8601 date for the merchant's locale, or "never" when missing. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Formats the counts of one entity, such as "3 created, 1 updated, 12 unchanged". */
export function formatCounts(counts: EntityCounts): string {
  const parts: string[] = [];
  if (counts.created) parts.push(`${counts.created} created`);
  if (counts.updated) parts.push(`${counts.updated} updated`);
  if (counts.unchanged) parts.push(`${counts.unchanged} unchanged`);
  if (counts.skipped) parts.push(`${counts.skipped} skipped`);
  if (counts.failed) parts.push(`${counts.failed} failed`);
  return parts.length ? parts.join(', ') : 'nothing to do';
}

/** Returns a whole percentage from 0 to 100, or null when the total is unknown. */
export function percent(done: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}
