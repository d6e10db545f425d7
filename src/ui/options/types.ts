import type { SettingsPort } from '../sidebar/types';
import type { Catalog } from '../../messaging/protocol';
import type { ImportProgress, ImportSummary } from '../../storage/import-run';

/** A file or pasted text (a Blob: read only once the import starts, and sent to the import's worker as it is). */
export interface ImportInput {
  blob: Blob;
  /** Absent for pasted text. */
  fileName?: string;
}

/**
 * What the options page needs from the extension, injected so the UI is
 * plain Preact (entrypoints/options/main.tsx wires the real ones).
 */
export interface OptionsDeps {
  runImport(input: ImportInput, signal: AbortSignal, onProgress: (p: ImportProgress) => void): Promise<ImportSummary>;
  /** The catalog as the background has it loaded. */
  catalog(): Promise<Catalog>;
  /** Tells the background the datasets changed; resolves when its index is rebuilt. */
  changed(): Promise<Catalog>;
  remove(id: string): Promise<Catalog>;
  restoreDefault(): Promise<Catalog>;
  download(which: { id: string } | 'all'): Promise<void>;
  /** The user's settings (theme, learning from pages). */
  settings: SettingsPort;
}

export type ImportState =
  | { kind: 'idle' }
  | { kind: 'running'; what: string; progress?: ImportProgress; cancel: () => void }
  | { kind: 'indexing'; summary: ImportSummary }
  | { kind: 'done'; summary: ImportSummary; merged?: number; indexError?: string }
  | { kind: 'failed'; what: string; message: string }
  | { kind: 'cancelled'; what: string };
