import { describe, expect, it } from 'vitest';
import { findErrorModel, isThrottleMessage, readErrorBody } from '../../main/dear/error-body.js';
import { decodeBody } from '../../main/dear/json-body.js';

describe('readErrorBody', () => {
  it('reads a JSON array of Error Models', () => {
    const body = decodeBody('[{"ErrorCode":400,"Exception":"Customer not found"}]');
    expect(readErrorBody(body)).toEqual({ errorCode: 400, exception: 'Customer not found' });
  });

  it('joins several Error Models', () => {
    const body = decodeBody(
      '[{"ErrorCode":400,"Exception":"Location is required"},{"ErrorCode":400,"Exception":"TaxRule X not found"}]',
    );
    expect(readErrorBody(body)).toEqual({
      errorCode: 400,
      exception: 'Location is required; TaxRule X not found',
    });
  });

  it('reads a single Error Model object', () => {
    const body = decodeBody('{"ErrorCode":"500","Exception":"Object reference not set"}');
    expect(readErrorBody(body)).toEqual({ errorCode: 500, exception: 'Object reference not set' });
  });

  it('reads a JSON string', () => {
    expect(readErrorBody(decodeBody('"Incorrect credentials!"'))).toEqual({
      errorCode: null,
      exception: 'Incorrect credentials!',
    });
  });

  it('reads plain text', () => {
    expect(readErrorBody(decodeBody('Incorrect credentials!\n'))).toEqual({
      errorCode: null,
      exception: 'Incorrect credentials!',
    });
  });

  it('reads an Errors envelope and a Message object', () => {
    expect(readErrorBody({ Errors: ['Price is invalid'] }).exception).toBe('Price is invalid');
    expect(readErrorBody({ Message: 'An error has occurred.' }).exception).toBe(
      'An error has occurred.',
    );
  });

  it('keeps an empty body empty', () => {
    expect(readErrorBody(decodeBody(''))).toEqual({ errorCode: null, exception: '' });
  });
});

describe('findErrorModel', () => {
  it('finds an Error Model inside a successful body', () => {
    expect(findErrorModel({ ErrorCode: 400, Exception: 'Sale not found' })).toEqual({
      errorCode: 400,
      exception: 'Sale not found',
    });
    expect(findErrorModel([{ ErrorCode: 503, Exception: 'busy' }])?.errorCode).toBe(503);
  });

  it('ignores ordinary records and lists', () => {
    expect(findErrorModel({ ID: 'abc', Name: 'Corner Cafe' })).toBeNull();
    expect(findErrorModel({ Total: 0, Page: 1, Products: [] })).toBeNull();
    expect(findErrorModel([{ ID: 'abc' }])).toBeNull();
    expect(findErrorModel([])).toBeNull();
    expect(findErrorModel('')).toBeNull();
  });
});

describe('isThrottleMessage', () => {
  it('recognises both throttle texts', () => {
    expect(isThrottleMessage('You reached 60 calls per minute API limit')).toBe(true);
    expect(isThrottleMessage('You have reached 60 calls per 60 seconds API limit.')).toBe(true);
    expect(isThrottleMessage('Customer not found')).toBe(false);
  });
});

describe('decodeBody', () => {
  it('keeps money that a double cannot hold as text', () => {
    const body = decodeBody('{"Price":12345678901234567.89,"Tax":4.55,"Percent":15.0000000000}');
    expect(body).toEqual({ Price: '12345678901234567.89', Tax: 4.55, Percent: 15 });
  });
});
