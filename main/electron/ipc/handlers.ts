import type { IpcChannel, IpcRequest, IpcResponse } from '../../../shared/ipc.js';
import type { Settings } from '../../../shared/settings.js';
import type { EngineApi } from '../../engine-types.js';
import type { NotificationEntry } from '../notifications.js';
import type { PauseCoordinator } from '../power/pause-coordinator.js';

/**
 * One handler per channel. The mapped type makes the build fail when a channel of
 * `IpcContract` has no handler.
 */
export type IpcHandlers = {
  [C in IpcChannel]: (request: IpcRequest<C>) => IpcResponse<C> | Promise<IpcResponse<C>>;
};

export interface IpcHandlerDependencies {
  engine: EngineApi;
  pauses: Pick<PauseCoordinator, 'pauseByMerchant' | 'resumeByMerchant'>;
  notifications: { list(): NotificationEntry[] };
  /** Called after the merchant changed settings, so the shell can apply start-at-login. */
  onSettingsChanged(settings: Settings): void;
  now?: () => number;
}

/** Builds the handlers that turn validated window requests into engine calls. */
export function createIpcHandlers(deps: IpcHandlerDependencies): IpcHandlers {
  const { engine, pauses } = deps;
  const now = deps.now ?? Date.now;

  return {
    'status:get': () => engine.status(),
    'dear:connect': (request) => engine.connectDear(request),
    'upstock:connect': (request) => engine.connectUpstock(request.token),
    'agent:disconnect': (request) => engine.disconnect(request),
    'products:list': (request) => engine.listProducts(request),
    'products:facets': () => engine.productFacets(),
    'products:select': (request) =>
      request.selected ? engine.selectProducts(request.ids) : engine.deselectProducts(request.ids),
    'sync:now': (request) => engine.syncNow({ job: request.job, trigger: 'manual' }),
    'sync:pause': (request) => {
      const until = request.minutes === null ? null : new Date(now() + request.minutes * 60_000);
      pauses.pauseByMerchant(until);
    },
    'sync:resume': () => pauses.resumeByMerchant(),
    'runs:list': (request) => engine.runs(request),
    'orders:attention': () => {
      return engine.ordersNeedingAttention();
    },
    'orders:retry': (request) => {
      return engine.retryOrder(request.orderId);
    },
    'settings:get': () => engine.settings(),
    'settings:update': (request) => {
      const settings = engine.updateSettings(request);
      deps.onSettingsChanged(settings);
      return settings;
    },
    'notifications:list': () => deps.notifications.list(),
  };
}
