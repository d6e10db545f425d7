import { useState } from 'preact/hooks';
import type { Catalog, DatasetInfo } from '../../messaging/protocol';
import { plural } from '../format';

function date(iso: string): string {
  const d = new Date(iso);
  // The embedded default is dated at the epoch: it was never "imported".
  return d.getTime() <= 0 || Number.isNaN(d.getTime()) ? 'built in' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

interface Actions {
  remove: (id: string) => Promise<void>;
  download: (which: { id: string } | 'all') => Promise<void>;
  restoreDefault: () => Promise<void>;
}

function Row({ d, busy, actions }: { d: DatasetInfo; busy: boolean; actions: Actions }) {
  // Two steps instead of confirm(): keyboard-friendly and cannot be dismissed by accident.
  const [confirming, setConfirming] = useState(false);
  return (
    <li class="op-dataset" data-id={d.id}>
      <div class="op-dataset-main">
        <span class="op-dataset-name">{d.name}</span>
        <span class="op-muted op-dataset-meta">
          {plural(d.papers, 'paper')} · {plural(d.authors, 'author')}
          {d.merged > 0 ? ` · ${plural(d.merged, 'paper')} also in an earlier dataset` : ''} · {date(d.createdAt)}
          {d.origin ? ` · ${d.origin}` : ''}
        </span>
      </div>
      <div class="op-dataset-actions">
        {confirming ? (
          <>
            <button type="button" class="op-button op-danger" disabled={busy} onClick={() => void actions.remove(d.id).finally(() => setConfirming(false))}>
              Remove {d.name}
            </button>
            <button type="button" class="op-button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" class="op-button" disabled={busy} onClick={() => void actions.download({ id: d.id })} aria-label={`Export ${d.name}`}>
              Export
            </button>
            <button type="button" class="op-button" disabled={busy} onClick={() => setConfirming(true)} aria-label={`Remove ${d.name}…`}>
              Remove…
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** The datasets the atlas is made of, with export, remove and restore. */
export function DatasetList({ catalog, busy, error, actions }: { catalog?: Catalog; busy: boolean; error?: string; actions: Actions }) {
  const hasDefault = catalog?.datasets.some((d) => d.isDefault) ?? false;
  return (
    <section class="op-card" aria-labelledby="op-datasets-title" aria-busy={busy}>
      <div class="op-card-head">
        <h2 id="op-datasets-title">Your datasets</h2>
        {catalog && (
          <span class="op-muted op-totals">
            {plural(catalog.papers, 'paper')} and {plural(catalog.authors, 'author')} in all
          </span>
        )}
      </div>
      {error && (
        <p class="op-error" role="alert">
          {error}
        </p>
      )}
      {!catalog ? (
        <p class="op-muted">Loading…</p>
      ) : catalog.datasets.length === 0 ? (
        <p class="op-empty">No datasets yet. Import a file above, or restore the embedded default to start from a sample profile.</p>
      ) : (
        <ul class="op-datasets">
          {catalog.datasets.map((d) => (
            <Row key={d.id} d={d} busy={busy} actions={actions} />
          ))}
        </ul>
      )}
      <div class="op-actions">
        <button type="button" class="op-button" disabled={busy || !catalog?.datasets.length} onClick={() => void actions.download('all')}>
          Export all
        </button>
        <button type="button" class="op-button" disabled={busy} onClick={() => void actions.restoreDefault()}>
          {hasDefault ? 'Reset the embedded default' : 'Restore the embedded default'}
        </button>
      </div>
    </section>
  );
}
