import type { ResponseFor } from '../../messaging/protocol';
import type { Settings } from '../../settings/settings';

export type Lookup = ResponseFor<'lookup-page'>;
export type Match = NonNullable<Lookup['match']>;
export type Related = Lookup['related'][number];
export type AuthorGroup = Lookup['coauthors'][number];

/** What the sidebar needs from the settings store; injected so tests can pass plain objects. */
export interface SettingsPort {
  load(): Promise<Settings>;
  update(patch: Partial<Settings>): Promise<Settings>;
  watch(callback: (settings: Settings) => void): () => void;
}
