import { useLayoutEffect, useState } from 'preact/hooks';
import type { Settings, Theme } from '../../settings/settings';
import { AuthorsPanel } from './AuthorsPanel';
import { CoauthorsPanel } from './CoauthorsPanel';
import { PaperPanel } from './PaperPanel';
import { RelatedPanel } from './RelatedPanel';
import type { SectionState } from './Section';
import type { Lookup, SettingsPort } from './types';
import { useSettings } from './use-settings';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; result: Lookup };

export interface SidebarProps {
  lookup: () => Promise<Lookup>;
  settings: SettingsPort;
  /**
   * The stored settings when the caller already has them: the first render
   * then shows the reader's theme, hidden state and collapsed sections
   * rather than the defaults, with no second render of every panel when
   * storage answers.
   */
  initialSettings?: Settings;
  /** The page's primary category, for the "same category" filter. */
  category?: string;
  /** Opens the search for an author's papers (the authors panel's "Papers" button). */
  onOpenSearch?: (name: string) => void;
}

const NEXT_THEME: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
const THEME_LABEL: Record<Theme, string> = { system: 'Auto', light: 'Light', dark: 'Dark' };

/**
 * The sidebar shell: Paper Atlas branding, theme and hide/show controls, and
 * the panels once the background has answered. Data and settings come in
 * through props, so the UI renders from plain objects in tests.
 */
export function Sidebar({ lookup, settings: port, initialSettings, category, onOpenSearch }: SidebarProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [settings, update] = useSettings(port, initialSettings);

  // A layout effect, not useEffect: Preact runs useEffect only after the
  // next paint, so an answer already on its way would wait a frame (or more)
  // for its listener; this one listens as soon as the shell is in the DOM.
  useLayoutEffect(() => {
    let live = true;
    // Unchanged state (the first render is already 'loading') renders nothing again.
    setState((s) => (s.kind === 'loading' ? s : { kind: 'loading' }));
    lookup().then(
      (result) => live && setState({ kind: 'ready', result }),
      (error: unknown) => live && setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [lookup, attempt]);

  const hidden = settings.sidebarHidden;
  const section = (id: string): SectionState => ({
    collapsed: settings.collapsed[id] ?? false,
    onToggle: (sid, collapsed) => update({ collapsed: { ...settings.collapsed, [sid]: collapsed } }),
  });

  return (
    <aside class="pa-sidebar" data-theme={settings.theme} aria-label="Paper Atlas">
      <header class="pa-header">
        <span class="pa-brand">
          <span class="pa-logo" aria-hidden="true">
            ◆
          </span>
          Paper Atlas
        </span>
        <span class="pa-controls">
          <button
            type="button"
            class="pa-theme"
            title="Theme: follow the system, light or dark"
            aria-label={`Theme: ${THEME_LABEL[settings.theme]}`}
            onClick={() => update({ theme: NEXT_THEME[settings.theme] })}
          >
            {THEME_LABEL[settings.theme]}
          </button>
          <button
            type="button"
            class="pa-toggle"
            aria-expanded={!hidden}
            title="Show or hide the sidebar (Alt+Shift+P)"
            onClick={() => update({ sidebarHidden: !hidden })}
          >
            {hidden ? 'Show' : 'Hide'}
          </button>
        </span>
      </header>
      {!hidden && <Body state={state} retry={() => setAttempt(attempt + 1)} section={section} category={category} onOpenSearch={onOpenSearch} />}
    </aside>
  );
}

function Body(props: { state: State; retry: () => void; section: (id: string) => SectionState; category?: string; onOpenSearch?: (name: string) => void }) {
  const { state, section } = props;
  if (state.kind === 'loading')
    return (
      <p class="pa-status" role="status">
        Looking this paper up in your dataset…
      </p>
    );
  if (state.kind === 'error')
    return (
      <div class="pa-status pa-error" role="alert">
        <p>Paper Atlas could not answer: {state.message}</p>
        <button type="button" onClick={props.retry}>
          Try again
        </button>
      </div>
    );
  const { match, related, coauthors } = state.result;
  return (
    <div class="pa-body" data-testid="sidebar-body">
      <PaperPanel match={match} section={section('paper')} />
      <AuthorsPanel groups={coauthors} section={section('authors')} onOpenSearch={props.onOpenSearch} />
      <RelatedPanel related={related} category={props.category ?? match?.paper.categories[0]} section={section('related')} />
      <CoauthorsPanel groups={coauthors} section={section('coauthors')} />
    </div>
  );
}
