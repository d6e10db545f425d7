import { useEffect, useState } from 'preact/hooks';
import type { ResponseFor } from '../../messaging/protocol';
import { CoauthorsPanel } from './CoauthorsPanel';
import { PaperPanel } from './PaperPanel';
import { RelatedPanel } from './RelatedPanel';

type Lookup = ResponseFor<'lookup-page'>;
type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; result: Lookup };

/**
 * The sidebar shell: Paper Atlas branding, a hide/show toggle, and the three
 * panels once the background has answered. `lookup` is injected so the UI
 * can be rendered from plain data in tests.
 */
export function Sidebar({ lookup }: { lookup: () => Promise<Lookup> }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [hidden, setHidden] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    lookup().then(
      (result) => live && setState({ kind: 'ready', result }),
      (error: unknown) => live && setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [lookup, attempt]);

  return (
    <aside class="pa-sidebar" aria-label="Paper Atlas">
      <header class="pa-header">
        <span class="pa-brand">
          <span class="pa-logo" aria-hidden="true">
            ◆
          </span>
          Paper Atlas
        </span>
        <button type="button" class="pa-toggle" aria-expanded={!hidden} onClick={() => setHidden(!hidden)}>
          {hidden ? 'Show' : 'Hide'}
        </button>
      </header>
      {!hidden && <Body state={state} retry={() => setAttempt(attempt + 1)} />}
    </aside>
  );
}

function Body({ state, retry }: { state: State; retry: () => void }) {
  if (state.kind === 'loading') return <p class="pa-status" role="status">Looking this paper up in your dataset…</p>;
  if (state.kind === 'error')
    return (
      <div class="pa-status pa-error" role="alert">
        <p>Paper Atlas could not answer: {state.message}</p>
        <button type="button" onClick={retry}>
          Try again
        </button>
      </div>
    );
  const { match, related, coauthors } = state.result;
  return (
    <div class="pa-body" data-testid="sidebar-body">
      <PaperPanel match={match} />
      <RelatedPanel related={related} />
      <CoauthorsPanel groups={coauthors} />
    </div>
  );
}
