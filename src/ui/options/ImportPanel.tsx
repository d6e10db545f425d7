import { useRef, useState } from 'preact/hooks';
import type { Catalog } from '../../messaging/protocol';
import { ImportStatus } from './ImportStatus';
import type { ImportInput, ImportState, OptionsDeps } from './types';

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Pick a file, drop one, or paste text; then progress with a cancel button,
 * and a summary or an error at the end. One import at a time.
 */
export function ImportPanel({ deps, onCatalog }: { deps: OptionsDeps; onCatalog: (c: Catalog) => void }) {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const [pasted, setPasted] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = state.kind === 'running' || state.kind === 'indexing';

  async function start(input: ImportInput, what: string) {
    if (busy) return;
    const controller = new AbortController();
    const cancel = () => controller.abort();
    setState({ kind: 'running', what, cancel });
    let summary;
    try {
      summary = await deps.runImport(input, controller.signal, (progress) => setState({ kind: 'running', what, progress, cancel }));
    } catch (e) {
      setState(isAbort(e) ? { kind: 'cancelled', what } : { kind: 'failed', what, message: message(e) });
      return;
    } finally {
      if (fileInput.current) fileInput.current.value = ''; // the same file can be picked again
    }
    setState({ kind: 'indexing', summary });
    try {
      const catalog = await deps.changed();
      onCatalog(catalog);
      const merged = catalog.datasets.find((d) => d.id === summary.datasetId)?.merged;
      setState({ kind: 'done', summary, ...(merged !== undefined ? { merged } : {}) });
    } catch (e) {
      // The import is committed; only the background's reload failed. It
      // reloads on its next start anyway, so this is a note, not a failure.
      setState({ kind: 'done', summary, indexError: message(e) });
    }
  }

  const fromFile = (file: File) => void start({ blob: file, fileName: file.name }, file.name);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer?.files[0];
    if (file) fromFile(file);
  };

  const importPasted = () => {
    void start({ blob: new Blob([pasted]) }, 'pasted text');
  };

  return (
    <section class="op-card" aria-labelledby="op-import-title">
      <h2 id="op-import-title">Import papers</h2>
      <p class="op-muted">
        arXiv bulk metadata (<code>.jsonl</code>, also gzipped), a Paper Atlas JSON export, or the text of a researcher profile page. The format is
        recognised from the content; a file that cannot be read is refused as a whole.
      </p>
      <div
        class={`op-drop${dragging ? ' op-drop-active' : ''}${busy ? ' op-drop-busy' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          ref={fileInput}
          id="op-file"
          class="op-file"
          type="file"
          accept=".json,.jsonl,.gz,.txt,application/json,application/gzip,text/plain"
          disabled={busy}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) fromFile(file);
          }}
        />
        <label for="op-file" class="op-drop-label">
          <span class="op-drop-main">Choose a file</span> or drop it here
        </label>
      </div>
      <details class="op-paste">
        <summary>…or paste text</summary>
        <label for="op-paste-text" class="op-visually-hidden">
          Text to import
        </label>
        <textarea
          id="op-paste-text"
          rows={6}
          placeholder="Paste a researcher profile page, arXiv metadata lines, or Paper Atlas JSON"
          value={pasted}
          onInput={(e) => setPasted(e.currentTarget.value)}
        />
        <button type="button" class="op-button op-primary" disabled={busy || pasted.trim() === ''} onClick={importPasted}>
          Import pasted text
        </button>
      </details>
      <ImportStatus state={state} />
    </section>
  );
}
