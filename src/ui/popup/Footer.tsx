import type { ResponseFor } from '../../messaging/protocol';
import { plural } from '../format';

/** Dataset summary and the way to the options page (import, manage datasets). */
export function Footer({ stats, onOptions }: { stats?: ResponseFor<'summary'>; onOptions: () => void }) {
  return (
    <footer class="pp-footer">
      <span class="pp-summary">
        {stats ? `${plural(stats.papers, 'paper')} · ${plural(stats.authors, 'author')} · ${plural(stats.datasets.length, 'dataset')}` : '…'}
      </span>
      <button type="button" class="pp-link" onClick={onOptions}>
        Options &amp; import
      </button>
    </footer>
  );
}
