import type { Page, Worker } from 'playwright-core';
import type { Settings } from '../../../src/settings/settings.ts';

/**
 * The settings as stored, read from one of the extension's own pages or its
 * worker: 'local:settings' (src/settings/settings.ts) is chrome.storage.local's
 * key 'settings'. Raw, not parsed: a test sees what was written.
 */
export function storedSettings(from: Page | Worker): Promise<Partial<Settings>> {
  const read = async (): Promise<Partial<Settings>> => {
    const ext = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<{ settings?: Partial<Settings> }> } } } };
    return (await ext.chrome.storage.local.get('settings')).settings ?? {};
  };
  // Page and Worker each have evaluate; their overloads do not unify into one callable type.
  return 'goto' in from ? from.evaluate(read) : from.evaluate(read);
}
