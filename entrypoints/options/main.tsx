import { render } from 'preact';
import { ask } from '@/src/messaging/client';
import { openStore, type AtlasStore } from '@/src/storage/db';
import { exportFile } from '@/src/storage/export';
import { runImport, type StagedBatch } from '@/src/storage/import-run';
import { workerPoster, type PostToWorker } from '@/src/messaging/worker-post';
import type { Author, Paper } from '@/src/dataset/schema';
import { settingsPort } from '@/src/settings/settings';
import { OptionsApp } from '@/src/ui/options/OptionsApp';
import type { OptionsDeps } from '@/src/ui/options/types';
import '@/src/ui/options/options.css';

// Wiring only. This page shares the extension's IndexedDB with the
// background, so imports are written here directly (no 75k-paper messages);
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

/**
 * Lets the background index each stored batch while the next is parsed:
 * the records are handed to its service worker when there is one, else the
 * batch is announced and read back from IndexedDB. A batch with duplicates
 * before it is only announced: the background then builds after the commit.
 */
function announcer(post: Promise<PostToWorker | undefined>) {
  return async ({ papers, authors, ...staged }: StagedBatch) => {
    const toWorker = await post; // the same promise for every batch: they stay in order
    if (toWorker && staged.duplicates === 0) await toWorker({ type: 'import-staged', ...staged, batch: { papers: papers as Paper[], authors: authors as Author[] } });
    else await ask({ type: 'import-staged', ...staged });
  };
}

const deps: OptionsDeps = {
  runImport: async (input, signal, onProgress) => {
    const announce = announcer(workerPoster());
    // Every batch taken before the page says 'datasets-changed', which
    // travels on another channel than the posted batches and could overtake
    // them (a missed batch costs a full build after the commit).
    let announced: Promise<unknown> = Promise.resolve();
    const summary = await runImport({
      store: await getStore(),
      stream: input.stream(),
      signal,
      onProgress,
      onStaged: (staged) => {
        announced = Promise.all([announced, announce(staged).catch(() => undefined)]);
      },
      ...(input.fileName ? { fileName: input.fileName } : {}),
      ...(input.totalBytes !== undefined ? { totalBytes: input.totalBytes } : {}),
    });
    await announced;
    return summary;
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
