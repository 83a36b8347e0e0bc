/**
 * Typed errors of the Cin7 Core client. Each message states what failed and what the merchant or
 * the caller should do next; `request` names the call (`GET product Page=3`) without secrets.
 */

/** Base class of every error the Cin7 Core client throws. */
export class DearError extends Error {
  /** The call that failed, such as `POST sale` or `GET product Page=2`. */
  readonly request: string;

  constructor(message: string, request: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.request = request;
  }
}

/**
 * Cin7 Core rejected the Account ID or Application Key (HTTP 403, or an Error Model with code
 * 403). Never retried: the same key fails on every call until the merchant connects again.
 */
export class DearCredentialsError extends DearError {
  readonly status: number;
  /** The body text Cin7 Core sent, such as "Incorrect credentials!". */
  readonly serverMessage: string;

  constructor(request: string, status: number, serverMessage: string) {
    const said = serverMessage ? ` ("${serverMessage}")` : '';
    super(
      `Cin7 Core rejected the Account ID or Application Key on ${request}${said}. ` +
        'Create a new key under Integrations > API in Cin7 Core and connect again.',
      request,
    );
    this.status = status;
    this.serverMessage = serverMessage;
  }
}

/** Cin7 Core kept throttling (429 or 503 "calls per 60 seconds") after every retry ran out. */
export class DearThrottledError extends DearError {
  readonly status: number;
  readonly attempts: number;

  constructor(request: string, status: number, attempts: number) {
    super(
      `Cin7 Core throttled ${request} (HTTP ${status}) on all ${attempts} attempts: the key's ` +
        '60 calls per minute are used up. If another app shares this API key, create a ' +
        'separate API application for Upstock in Cin7 Core; otherwise wait a minute and sync again.',
      request,
    );
    this.status = status;
    this.attempts = attempts;
  }
}

/**
 * Cin7 Core returned an error (validation, not found, server error), or with an Error Model
 * inside a 200. `errorCode` and `exception` are the body's `ErrorCode` and `Exception`, verbatim.
 */
export class DearApiError extends DearError {
  /** HTTP status; 200 when the Error Model came inside a successful response. */
  readonly status: number;
  readonly errorCode: number | null;
  readonly exception: string;
  /**
   * True when a write (POST, PUT, DELETE) failed with a 5xx: Cin7 Core may have saved it anyway,
   * so look the record up (a sale by its ExternalID) before sending it again.
   */
  readonly maybeDelivered: boolean;

  constructor(
    request: string,
    details: {
      status: number;
      errorCode: number | null;
      exception: string;
      maybeDelivered: boolean;
    },
  ) {
    super(describeApiError(request, details), request);
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.exception = details.exception;
    this.maybeDelivered = details.maybeDelivered;
  }
}

function describeApiError(
  request: string,
  details: { status: number; exception: string; maybeDelivered: boolean },
): string {
  // Cin7 Core's texts often end in a full stop; drop it so the sentence below reads cleanly.
  const text = details.exception.replace(/\.+\s*$/, '') || '(no message)';
  if (details.maybeDelivered) {
    return (
      `Cin7 Core failed on ${request} (HTTP ${details.status}): ${text}. The write may have been ` +
      'saved: look the record up in Cin7 Core before sending it again.'
    );
  }
  if (details.status === 404 || details.status === 405) {
    return (
      `Cin7 Core has no such endpoint for ${request} (HTTP ${details.status}): ${text}. ` +
      'Check the Cin7 Core API address in the settings.'
    );
  }
  if (details.status >= 500) {
    return `Cin7 Core failed on ${request} (HTTP ${details.status}): ${text}. Try again later.`;
  }
  if (details.status < 300) {
    return `Cin7 Core reported an error for ${request} inside a successful response: ${text}.`;
  }
  return (
    `Cin7 Core rejected ${request} (HTTP ${details.status}): ${text}. ` +
    'Correct the value it names in Cin7 Core or in the agent settings and try again.'
  );
}

/**
 * The request got no usable response: timeout, connection reset, refused connection, lost
 * response. For writes, `maybeDelivered` tells whether Cin7 Core may have received (and saved)
 * the request; for a sale, search `saleList` by ExternalID before posting it again.
 */
export class DearNetworkError extends DearError {
  /** The Node or axios error code, such as `ECONNRESET` or `ETIMEDOUT`. */
  readonly code: string;
  readonly attempts: number;
  readonly maybeDelivered: boolean;

  constructor(
    request: string,
    details: { code: string; detail: string; attempts: number; maybeDelivered: boolean },
    options?: { cause?: unknown },
  ) {
    const tries = details.attempts === 1 ? '1 attempt' : `${details.attempts} attempts`;
    const next = details.maybeDelivered
      ? 'Cin7 Core may have received it: look the record up (a sale by its ExternalID) before sending it again.'
      : 'Check the internet connection and try again.';
    super(
      `Could not complete ${request} with Cin7 Core (${details.detail}, ${tries}). ${next}`,
      request,
      options,
    );
    this.code = details.code;
    this.attempts = details.attempts;
    this.maybeDelivered = details.maybeDelivered;
  }
}
