import { plural } from '../format';
import { FORMAT_LABELS, type ImportProgress, type ImportSummary } from '../../storage/import-run';
import type { ImportState } from './types';

/** How many skipped records are listed with their reasons; the rest are counted. */
const SHOWN_PROBLEMS = 20;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function Progress({ what, progress, cancel }: { what: string; progress?: ImportProgress; cancel: () => void }) {
  const fraction = progress?.totalBytes ? Math.min(1, progress.bytesRead / progress.totalBytes) : undefined;
  const percent = fraction === undefined ? undefined : Math.round(fraction * 100);
  return (
    <div class="op-progress">
      <div class="op-progress-head">
        <span>
          Importing <strong>{what}</strong>
          {progress ? ` (${FORMAT_LABELS[progress.format]})` : ''}
        </span>
        <button type="button" class="op-button" onClick={cancel}>
          Cancel
        </button>
      </div>
      {/* No value while the size is unknown: an indeterminate bar still shows work. */}
      <progress class="op-bar" max={100} value={percent} aria-label="Import progress" />
      <p class="op-progress-text" aria-live="polite">
        {progress
          ? `${plural(progress.papers, 'paper')} · ${progress.papersPerSecond.toLocaleString('en-US')} papers/s` +
            (percent !== undefined ? ` · ${percent}%` : '') +
            (progress.skipped ? ` · ${plural(progress.skipped, 'record')} skipped` : '')
          : 'Reading the file…'}
      </p>
    </div>
  );
}

function Summary({ summary, merged, indexing, indexError }: { summary: ImportSummary; merged?: number; indexing: boolean; indexError?: string }) {
  const { problems, skipped } = summary;
  return (
    <div class="op-summary" role="status">
      <p class="op-summary-title">
        Imported <strong>{summary.name}</strong>
        {/* Pasted arXiv lines are named after their format: say it once. */}
        {summary.name === FORMAT_LABELS[summary.format] ? '' : ` (${FORMAT_LABELS[summary.format]})`} in {seconds(summary.elapsedMs)}.
      </p>
      <ul class="op-counts">
        <li data-count="papers">{plural(summary.papers, 'paper')} added</li>
        <li data-count="merged">
          {indexing ? 'Merging with your other datasets…' : `${plural(merged ?? 0, 'paper')} merged with papers already in your atlas`}
        </li>
        {summary.duplicates > 0 && <li data-count="duplicates">{plural(summary.duplicates, 'paper')} listed twice in the file, merged into one record</li>}
        <li data-count="skipped">{plural(skipped, 'record')} skipped</li>
        <li data-count="authors">{plural(summary.authors, 'author')}</li>
      </ul>
      {indexing && <p class="op-note">Updating the search index… the popup and the sidebar use the new papers once this is done.</p>}
      {indexError && <p class="op-error-text">The papers are saved, but the index could not be rebuilt yet: {indexError}</p>}
      {problems.length > 0 && (
        <details class="op-problems">
          <summary>Why records were skipped</summary>
          <ul>
            {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
              <li key={p.line}>
                line {p.line}: {p.message}
              </li>
            ))}
          </ul>
          {skipped > SHOWN_PROBLEMS && <p>… and {plural(skipped - SHOWN_PROBLEMS, 'more record')}.</p>}
        </details>
      )}
    </div>
  );
}

export function ImportStatus({ state }: { state: ImportState }) {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'running':
      return <Progress what={state.what} {...(state.progress ? { progress: state.progress } : {})} cancel={state.cancel} />;
    case 'indexing':
      return <Summary summary={state.summary} indexing />;
    case 'done':
      return <Summary summary={state.summary} indexing={false} {...(state.merged !== undefined ? { merged: state.merged } : {})} {...(state.indexError ? { indexError: state.indexError } : {})} />;
    case 'cancelled':
      return (
        <p class="op-status" role="status">
          Import of <strong>{state.what}</strong> cancelled. Nothing was changed.
        </p>
      );
    case 'failed':
      return (
        <div class="op-error" role="alert">
          <p>
            <strong>{state.what}</strong> was not imported: {state.message}
          </p>
          <p>Your datasets are unchanged.</p>
        </div>
      );
  }
}
