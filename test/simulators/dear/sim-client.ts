import {
  SAMPLE_ACCOUNT_ID,
  SAMPLE_APPLICATION_KEY,
  startDearSimulator,
  type DearSimulator,
  type DearSimulatorOptions,
} from '../../../main/simulators/dear/server.js';
import { sampleSeed } from '../../../main/sample/sample-merchant.js';

/** Headers with the sample credentials. */
export const AUTH_HEADERS = {
  'api-auth-accountid': SAMPLE_ACCOUNT_ID,
  'api-auth-applicationkey': SAMPLE_APPLICATION_KEY,
};

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** Starts a simulator with the sample seed and throttling off, unless `options` override them. */
export function startSampleSimulator(
  options: Partial<DearSimulatorOptions> = {},
): Promise<DearSimulator> {
  return startDearSimulator({
    seed: sampleSeed(),
    rateLimit: { calls: 0, windowMs: 60_000 },
    ...options,
  });
}

/** Sends one API call with the sample credentials and returns status, headers and parsed body. */
export async function callApi<T = unknown>(
  sim: DearSimulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = AUTH_HEADERS,
): Promise<ApiAnswer<T>> {
  const response = await fetch(new URL(path, sim.url), {
    method,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Plain-text bodies stay as text.
  }
  return { status: response.status, headers: response.headers, text, body: parsed as T };
}

/** Reads every page of a list endpoint with the documented stop rule; at most 100 pages. */
export async function readAllPages<T>(
  sim: DearSimulator,
  path: string,
  listKey: string,
  limit: number,
): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  for (let page = 1; page <= 100; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const answer = await callApi<Record<string, unknown>>(
      sim,
      'GET',
      `${path}${separator}Page=${page}&Limit=${limit}`,
    );
    if (answer.status !== 200)
      throw new Error(`Page ${page} of ${path} returned ${answer.status}: ${answer.text}`);
    const list = answer.body[listKey] as T[];
    rows.push(...list);
    const total = answer.body.Total as number;
    if (list.length < limit || page * limit >= total) return { rows, pages: page };
  }
  throw new Error(`${path} did not end within 100 pages`);
}
