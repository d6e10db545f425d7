import type { Theme } from '../../settings/settings';
import type { SettingsPort } from '../sidebar/types';
import { useSettings } from '../sidebar/use-settings';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Sidebar settings; the same stored values the sidebar's own buttons change. */
export function SettingsPanel({ port }: { port: SettingsPort }) {
  const [settings, update] = useSettings(port);
  return (
    <section class="op-card" aria-labelledby="op-settings-title">
      <h2 id="op-settings-title">Sidebar</h2>
      <p>
        <label>
          Theme{' '}
          <select value={settings.theme} onChange={(e) => update({ theme: e.currentTarget.value as Theme })}>
            {THEMES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </p>
      <p>
        <label>
          <input
            type="checkbox"
            name="learn"
            checked={settings.learnFromPages}
            onChange={(e) => update({ learnFromPages: e.currentTarget.checked })}
          />{' '}
          Learn from the arXiv pages I read (a matched paper gains its arXiv id and full author list)
        </label>
      </p>
      <p>
        <label>
          <input type="checkbox" name="keep-ready" checked={settings.keepReady} onChange={(e) => update({ keepReady: e.currentTarget.checked })} /> Keep
          Paper Atlas ready while an arXiv page is in view (the sidebar comes sooner after a long read; the index stays
          in memory, about 150 MB with 75,000 papers)
        </label>
      </p>
      <p class="op-muted">
        Show or hide the sidebar with Alt+Shift+P (change it at <code>chrome://extensions/shortcuts</code>).
      </p>
    </section>
  );
}
