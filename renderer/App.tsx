import { useState } from 'react';
import { AgentProvider } from './agent-state.js';
import { ActivityScreen } from './activity/ActivityScreen.js';
import { SyncHeader } from './components/SyncHeader.js';
import { ProductsScreen } from './products/ProductsScreen.js';
import { ConnectScreen } from './screens/ConnectScreen.js';
import { SettingsScreen } from './settings/SettingsScreen.js';

export type ScreenName = 'connect' | 'products' | 'activity' | 'settings';

const SCREENS: { name: ScreenName; label: string }[] = [
  { name: 'connect', label: 'Connect' },
  { name: 'products', label: 'Products' },
  { name: 'activity', label: 'Activity' },
  { name: 'settings', label: 'Settings' },
];

/** Renders the window: a header with "Sync now", a left navigation and the chosen screen. */
export function App({ initialScreen = 'connect' }: { initialScreen?: ScreenName }) {
  const [screen, setScreen] = useState<ScreenName>(initialScreen);

  return (
    <AgentProvider>
      <div className="app">
        <SyncHeader />
        <nav className="side-nav" aria-label="Screens">
          <ul>
            {SCREENS.map((item) => (
              <li key={item.name}>
                <button
                  type="button"
                  aria-current={screen === item.name ? 'page' : undefined}
                  onClick={() => setScreen(item.name)}
                >
                  {item.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="content">
          {screen === 'connect' ? <ConnectScreen /> : null}
          {screen === 'products' ? <ProductsScreen /> : null}
          {screen === 'activity' ? <ActivityScreen /> : null}
          {screen === 'settings' ? <SettingsScreen /> : null}
        </main>
      </div>
    </AgentProvider>
  );
}
