import { render } from 'preact';
import { ask } from '@/src/messaging/client';
import { openStore, type AtlasStore } from '@/src/storage/db';
import { exportFile } from '@/src/storage/export';
import { importThrough } from '@/src/storage/import-worker';
import { settingsPort } from '@/src/settings/settings';
import { OptionsApp } from '@/src/ui/options/OptionsApp';
import type { OptionsDeps } from '@/src/ui/options/types';
import '@/src/ui/options/options.css';

// Wiring only. This page shares the extension's IndexedDB with the
// background, so imports are written from here directly (no 75k-paper
// messages), by a worker started per import (src/storage/import-worker.ts);
// the background is told to reload afterwards.
let store: Promise<AtlasStore> | undefined;
const getStore = () => (store ??= openStore());

function saveAs(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; free ours a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const deps: OptionsDeps = {
  runImport: async (input, signal, onProgress) => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    try {
      return await importThrough(worker, input, {
        signal,
        onProgress,
        // Lets the background index each stored batch while the next is parsed.
        onBegun: (importId) => void ask({ type: 'import-begun', importId }).catch(() => undefined),
        onStaged: (staged) => void ask({ type: 'import-staged', ...staged }).catch(() => undefined),
      });
    } finally {
      worker.terminate();
    }
  },
  settings: settingsPort,
  catalog: () => ask({ type: 'datasets' }),
  changed: () => ask({ type: 'datasets-changed' }),
  remove: (id) => ask({ type: 'remove-dataset', id }),
  restoreDefault: () => ask({ type: 'restore-default' }),
  download: async (which) => {
    const { fileName, text } = await exportFile(await getStore(), which);
    saveAs(fileName, text);
  },
};

const app = document.getElementById('app');
if (app) render(<OptionsApp deps={deps} />, app);
