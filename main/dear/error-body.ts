/**
 * Reading Cin7 Core error bodies. Observed shapes: a JSON array of Error Models
 * (`[{"ErrorCode":400,"Exception":"..."}]`), a single Error Model object, a JSON string
 * (`"Incorrect credentials!"`), plain text, and an Error Model inside a 200.
 */

/** The error carried by a response body: `ErrorCode` (when present) and the text, verbatim. */
export interface DearErrorBody {
  errorCode: number | null;
  exception: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toErrorCode(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return null;
}

function isErrorModel(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && 'ErrorCode' in value;
}

function fromErrorModels(models: Record<string, unknown>[]): DearErrorBody {
  const texts = models.map((model) => String(model.Exception ?? '')).filter((text) => text !== '');
  return { errorCode: toErrorCode(models[0]?.ErrorCode), exception: texts.join('; ') };
}

/**
 * Finds an Error Model in a successful response: the body itself or the first item of an array
 * body has `ErrorCode`. Returns null for an ordinary record, list or empty body.
 */
export function findErrorModel(body: unknown): DearErrorBody | null {
  if (isErrorModel(body)) return fromErrorModels([body]);
  if (Array.isArray(body) && body.length > 0 && isErrorModel(body[0])) {
    return fromErrorModels(body.filter(isErrorModel));
  }
  return null;
}

/**
 * Reads the error of a failed response in any of the observed shapes. Unknown shapes fall back
 * to the body as JSON text, cut to 500 characters, so the merchant still reads what came back.
 */
export function readErrorBody(body: unknown): DearErrorBody {
  const model = findErrorModel(body);
  if (model) return model;

  if (typeof body === 'string') return { errorCode: null, exception: body.trim().slice(0, 500) };
  if (isRecord(body)) {
    if (typeof body.Exception === 'string') return { errorCode: null, exception: body.Exception };
    if (typeof body.Message === 'string') return { errorCode: null, exception: body.Message };
    if (Array.isArray(body.Errors) && body.Errors.length > 0) {
      return { errorCode: null, exception: body.Errors.map(String).join('; ') };
    }
  }
  if (Array.isArray(body) && body.every((item) => typeof item === 'string')) {
    return { errorCode: null, exception: body.join('; ') };
  }
  return { errorCode: null, exception: JSON.stringify(body ?? null).slice(0, 500) };
}

/** True when the text is Cin7 Core's "60 calls per minute" throttle message. */
export function isThrottleMessage(text: string): boolean {
  return /calls per (?:minute|\d+ seconds)|api limit/i.test(text);
}
