import type { WireOrder } from '../../upstock/wire.js';

/** Cin7 Core's limit for `ShippingNotes` and `Note`, in characters. */
export const NOTE_MAX_LENGTH = 1024;

/**
 * Splits the order's comments between the sale's `ShippingNotes` (the first comment, as
 * Upstock's own integration does) and `Note` (a line naming the Upstock order, then every
 * later comment with its author and date), so no comment is lost. Text beyond Cin7 Core's
 * 1,024 characters is cut with a pointer to the Upstock order. A first comment too long for
 * `ShippingNotes` also appears in full in `Note`.
 */
export function mapComments(order: WireOrder): { shippingNotes: string; note: string } {
  const [first, ...rest] = order.comments;
  const firstText = first?.text ?? '';
  const pointer = ` (cut; read the rest in Upstock order ${order.number})`;

  const noteParts = [`Upstock order ${order.number}`];
  if (firstText.length > NOTE_MAX_LENGTH) noteParts.push(`${first!.author}: ${firstText}`);
  for (const comment of rest) {
    noteParts.push(`${comment.author} (${comment.createdAt.slice(0, 10)}): ${comment.text}`);
  }
  return {
    shippingNotes: cut(firstText, pointer),
    note: cut(noteParts.join('\n'), pointer),
  };
}

function cut(text: string, pointer: string): string {
  if (text.length <= NOTE_MAX_LENGTH) return text;
  return text.slice(0, NOTE_MAX_LENGTH - pointer.length) + pointer;
}
