import { SeededRandom } from '../../sample/deterministic.js';

/** Faults the simulator can inject into API calls (control calls are never affected). */
export const FAULT_KINDS = [
  'throttle-429',
  'throttle-503',
  'http-500',
  'timeout',
  'reset',
  'lost-response',
  'error-in-200',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Body of a 403 for bad credentials. Which one Cin7 Core sends is not confirmed: the default is
 * the JSON string `"Incorrect credentials!"`; the others let a client prove it copes with each.
 */
export type ForbiddenBodyStyle = 'json-string' | 'text' | 'error-model';

export interface FaultSettings {
  /** Probability per call of each fault, 0..1; they must add up to at most 1. */
  probabilities?: Partial<Record<FaultKind, number>>;
  /** Seed of the generator that draws faults, so a run is repeatable. */
  seed?: number;
  /** Faults applied to the next matching calls in order, before any random draw. */
  next?: FaultKind[];
  /** Only calls matching this are affected (path is the endpoint, e.g. `sale/order`). */
  match?: { method?: string; path?: string };
  forbiddenBody?: ForbiddenBodyStyle;
}

/** Decides per call whether to inject a fault. */
export class FaultPlan {
  private probabilities: Partial<Record<FaultKind, number>> = {};
  private random = new SeededRandom(1);
  private queue: FaultKind[] = [];
  private match: FaultSettings['match'] = undefined;
  forbiddenBody: ForbiddenBodyStyle = 'json-string';

  /** Replaces the settings given; omitted fields keep their value. Throws on invalid input. */
  configure(settings: FaultSettings): void {
    if (settings.probabilities) {
      let sum = 0;
      for (const [kind, probability] of Object.entries(settings.probabilities)) {
        if (!FAULT_KINDS.includes(kind as FaultKind)) {
          throw new Error(`Unknown fault kind "${kind}"; use one of ${FAULT_KINDS.join(', ')}`);
        }
        if (typeof probability !== 'number' || probability < 0 || probability > 1) {
          throw new Error(
            `Fault probability for "${kind}" must be between 0 and 1, got ${String(probability)}`,
          );
        }
        sum += probability;
      }
      if (sum > 1)
        throw new Error(`Fault probabilities add up to ${sum}; the total must be at most 1`);
      this.probabilities = { ...settings.probabilities };
    }
    if (settings.seed !== undefined) this.random = new SeededRandom(settings.seed);
    if (settings.next) {
      for (const kind of settings.next) {
        if (!FAULT_KINDS.includes(kind)) throw new Error(`Unknown fault kind "${kind}"`);
      }
      this.queue = [...settings.next];
    }
    if (settings.match !== undefined) this.match = settings.match ?? undefined;
    if (settings.forbiddenBody) this.forbiddenBody = settings.forbiddenBody;
  }

  /** Turns every fault off and restores the default 403 body. */
  clear(): void {
    this.probabilities = {};
    this.queue = [];
    this.match = undefined;
    this.random = new SeededRandom(1);
    this.forbiddenBody = 'json-string';
  }

  /** Returns the fault for this call, or null. Consumes one random draw per matching call. */
  draw(method: string, endpoint: string): FaultKind | null {
    if (this.match?.method && this.match.method.toUpperCase() !== method.toUpperCase()) return null;
    if (this.match?.path && this.match.path.toLowerCase() !== endpoint.toLowerCase()) return null;
    const queued = this.queue.shift();
    if (queued) return queued;
    const roll = this.random.next();
    let cumulative = 0;
    for (const kind of FAULT_KINDS) {
      cumulative += this.probabilities[kind] ?? 0;
      if (roll < cumulative) return kind;
    }
    return null;
  }

  /** Current settings, for the control API's state view. */
  describe(): FaultSettings {
    return {
      probabilities: { ...this.probabilities },
      next: [...this.queue],
      match: this.match,
      forbiddenBody: this.forbiddenBody,
    };
  }
}
