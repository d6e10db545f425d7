import { useEffect, useState } from 'preact/hooks';
import type { Catalog } from '../../messaging/protocol';
import { DatasetList } from './DatasetList';
import { ImportPanel } from './ImportPanel';
import { SettingsPanel } from './SettingsPanel';
import type { OptionsDeps } from './types';

/** The options page: import on top, the datasets below. */
export function OptionsApp({ deps }: { deps: OptionsDeps }) {
  const [catalog, setCatalog] = useState<Catalog>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    deps.catalog().then(setCatalog, (e: unknown) => setError(`Could not load your datasets: ${e instanceof Error ? e.message : String(e)}`));
  }, [deps]);

  /** Runs a list action; the list is disabled meanwhile and errors land in its alert region. */
  async function act(what: string, fn: () => Promise<Catalog | void>) {
    setBusy(true);
    setError(undefined);
    try {
      const next = await fn();
      if (next) setCatalog(next);
    } catch (e) {
      setError(`${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="op">
      <header class="op-header">
        <h1>Paper Atlas</h1>
        <p class="op-muted">Your own dataset of papers and authors, kept in this browser only.</p>
      </header>
      <ImportPanel deps={deps} onCatalog={setCatalog} />
      <DatasetList
        {...(catalog ? { catalog } : {})}
        busy={busy}
        {...(error ? { error } : {})}
        actions={{
          remove: (id) => act('Removing the dataset', () => deps.remove(id)),
          download: (which) => act('Export', () => deps.download(which)),
          restoreDefault: () => act('Restoring the default', () => deps.restoreDefault()),
        }}
      />
      <SettingsPanel port={deps.settings} />
    </main>
  );
}
