import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../../settings/settings';
import type { SettingsPort } from './types';

/**
 * Settings as Preact state: starts from the defaults (so the first paint is
 * never blocked on storage), then follows the stored value and its changes.
 */
export function useSettings(port: SettingsPort): [Settings, (patch: Partial<Settings>) => void] {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  useEffect(() => {
    let live = true;
    port.load().then((s) => live && setSettings(s), () => undefined);
    const unwatch = port.watch((s) => live && setSettings(s));
    return () => {
      live = false;
      unwatch();
    };
  }, [port]);
  const update = (patch: Partial<Settings>) => {
    setSettings((s) => ({ ...s, ...patch }));
    void port.update(patch).catch(() => undefined);
  };
  return [settings, update];
}
