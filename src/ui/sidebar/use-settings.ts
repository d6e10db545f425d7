import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../../settings/settings';
import type { SettingsPort } from './types';

/**
 * Settings as Preact state: starts from `initial` (the stored settings when
 * the caller already has them) or the defaults, so the first paint is never
 * blocked on storage; then follows the stored value and its changes.
 */
export function useSettings(port: SettingsPort, initial?: Settings): [Settings, (patch: Partial<Settings>) => void] {
  const [settings, setSettings] = useState<Settings>(initial ?? DEFAULT_SETTINGS);
  // A change made before storage answered wins over that (older) answer: the
  // sidebar now mounts early, and a quick click must not be undone by the read.
  const touched = useRef(false);
  // Read at mount, not after the first paint (useEffect), so stored settings
  // usually arrive before the panels and do not re-render them afterwards.
  useLayoutEffect(() => {
    let live = true;
    port.load().then((s) => live && !touched.current && setSettings(s), () => undefined);
    const unwatch = port.watch((s) => live && setSettings(s));
    return () => {
      live = false;
      unwatch();
    };
  }, [port]);
  const update = (patch: Partial<Settings>) => {
    touched.current = true;
    setSettings((s) => ({ ...s, ...patch }));
    void port.update(patch).catch(() => undefined);
  };
  return [settings, update];
}
