import { describe, expect, it } from 'vitest';
import {
  DearApiError,
  DearCredentialsError,
  DearNetworkError,
  DearThrottledError,
} from '../../main/dear/errors.js';
import {
  judgeAttempt,
  parseRetryAfter,
  retryWaitMs,
  type AttemptOutcome,
  type CallContext,
  type Verdict,
} from '../../main/dear/retry.js';

const read: CallContext = { description: 'GET product Page=1', isWrite: false, repeatable: true };
const saleWrite: CallContext = { description: 'POST sale', isWrite: true, repeatable: false };
const optedInWrite: CallContext = { description: 'POST sale', isWrite: true, repeatable: true };

function response(status: number, body: unknown, retryAfter: string | null = null): AttemptOutcome {
  return { kind: 'response', status, body, retryAfter };
}

function noResponse(code: string): AttemptOutcome {
  return { kind: 'no-response', code, detail: code, cause: new Error(code) };
}

function expectRetry(verdict: Verdict): Extract<Verdict, { kind: 'retry' }> {
  expect(verdict.kind).toBe('retry');
  return verdict as Extract<Verdict, { kind: 'retry' }>;
}

function expectFailure(verdict: Verdict): Error {
  expect(verdict.kind).toBe('fail');
  return (verdict as Extract<Verdict, { kind: 'fail' }>).error;
}

describe('judgeAttempt', () => {
  it('passes an ordinary 200', () => {
    expect(judgeAttempt(response(200, { Total: 0 }), read)).toEqual({
      kind: 'success',
      body: { Total: 0 },
    });
  });

  it('fails 403 with DearCredentialsError for reads and writes', () => {
    for (const call of [read, saleWrite, optedInWrite]) {
      const error = expectFailure(judgeAttempt(response(403, 'Incorrect credentials!'), call));
      expect(error).toBeInstanceOf(DearCredentialsError);
      expect(error.message).toContain('Integrations > API');
      expect(error.message).toContain('Incorrect credentials!');
    }
  });

  it('retries 429 and 503 throttles, even for a sale', () => {
    const throttle503 = [
      { ErrorCode: 503, Exception: 'You have reached 60 calls per 60 seconds API limit.' },
    ];
    for (const outcome of [response(429, [], '7'), response(503, throttle503)]) {
      const verdict = expectRetry(judgeAttempt(outcome, saleWrite));
      expect(verdict.reason).toBe('throttled');
      expect(verdict.giveUp(4)).toBeInstanceOf(DearThrottledError);
    }
  });

  it('treats an Error Model inside a 200 as a failure', () => {
    const error = expectFailure(
      judgeAttempt(response(200, [{ ErrorCode: 400, Exception: 'Sale not found' }]), read),
    );
    expect(error).toBeInstanceOf(DearApiError);
    expect((error as DearApiError).status).toBe(200);
    expect((error as DearApiError).errorCode).toBe(400);
    expect((error as DearApiError).exception).toBe('Sale not found');
  });

  it('retries a throttle Error Model inside a 200', () => {
    const body = { ErrorCode: 429, Exception: 'You reached 60 calls per minute API limit' };
    expect(expectRetry(judgeAttempt(response(200, body), read)).reason).toBe('throttled');
  });

  it.each([400, 404, 405, 409])('never retries %i', (status) => {
    const body = [{ ErrorCode: status, Exception: 'Location is required' }];
    const error = expectFailure(judgeAttempt(response(status, body), read));
    expect(error).toBeInstanceOf(DearApiError);
    expect((error as DearApiError).exception).toBe('Location is required');
    expect((error as DearApiError).maybeDelivered).toBe(false);
  });

  it.each([500, 502, 504])('retries %i on a read and gives up with DearApiError', (status) => {
    const verdict = expectRetry(judgeAttempt(response(status, 'oops'), read));
    expect(verdict.reason).toBe('server-error');
    const error = verdict.giveUp(4) as DearApiError;
    expect(error).toBeInstanceOf(DearApiError);
    expect(error.status).toBe(status);
    expect(error.maybeDelivered).toBe(false);
  });

  it('does not retry a 500 on a sale and marks it maybe delivered', () => {
    const error = expectFailure(judgeAttempt(response(500, 'oops'), saleWrite)) as DearApiError;
    expect(error.maybeDelivered).toBe(true);
    expect(error.message).toContain('look the record up');
  });

  it.each(['ECONNRESET', 'ETIMEDOUT'])('retries %s on a read', (code) => {
    const verdict = expectRetry(judgeAttempt(noResponse(code), read));
    expect(verdict.reason).toBe('network');
    const error = verdict.giveUp(4) as DearNetworkError;
    expect(error).toBeInstanceOf(DearNetworkError);
    expect(error.attempts).toBe(4);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT'])('fails %s on a sale at once', (code) => {
    const error = expectFailure(judgeAttempt(noResponse(code), saleWrite)) as DearNetworkError;
    expect(error).toBeInstanceOf(DearNetworkError);
    expect(error.maybeDelivered).toBe(true);
    expect(error.message).toContain('ExternalID');
  });

  it('retries a refused connection even for a sale, which never left', () => {
    const verdict = expectRetry(judgeAttempt(noResponse('ECONNREFUSED'), saleWrite));
    expect((verdict.giveUp(2) as DearNetworkError).maybeDelivered).toBe(false);
  });

  it('retries a lost sale response when the caller opted in', () => {
    const verdict = expectRetry(judgeAttempt(noResponse('ECONNRESET'), optedInWrite));
    expect((verdict.giveUp(4) as DearNetworkError).maybeDelivered).toBe(true);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7_000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2025-07-01T00:00:00Z');
    expect(parseRetryAfter('Tue, 01 Jul 2025 00:00:30 GMT', now)).toBe(30_000);
  });

  it('returns null for a missing or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('')).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('retryWaitMs', () => {
  const throttled = expectRetry(judgeAttempt(response(429, []), read));
  const withHeader = expectRetry(judgeAttempt(response(429, [], '7'), read));
  const serverError = expectRetry(judgeAttempt(response(502, ''), read));

  it('waits 5, 10, 15 s for a throttle without Retry-After', () => {
    expect([1, 2, 3].map((retry) => retryWaitMs(throttled, retry, 1, 120_000))).toEqual([
      5_000, 10_000, 15_000,
    ]);
  });

  it('scales the fallback waits with the time scale', () => {
    expect(retryWaitMs(throttled, 2, 0.01, 120_000)).toBe(100);
    expect(retryWaitMs(serverError, 3, 0.01, 120_000)).toBe(40);
  });

  it('honours Retry-After up to the cap', () => {
    expect(retryWaitMs(withHeader, 1, 0.01, 120_000)).toBe(7_000);
    expect(retryWaitMs(withHeader, 1, 1, 3_000)).toBe(3_000);
  });

  it('doubles the wait after server errors', () => {
    expect([1, 2, 3].map((retry) => retryWaitMs(serverError, retry, 1, 120_000))).toEqual([
      1_000, 2_000, 4_000,
    ]);
  });
});
