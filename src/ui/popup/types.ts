import type { Paper } from '../../dataset/schema';
import type { Request, ResponseFor } from '../../messaging/protocol';
import type { OpenMode } from './open-mode';

/** One row of the list: a search hit or a related paper. */
export interface ResultEntry {
  paper: Paper;
  /** Index terms to mark (search hits). */
  matchedTerms: readonly string[];
  /** Why it is related (related papers). */
  reasons?: readonly string[];
}

/** What the popup shows before any typing on an arXiv abstract page. */
export interface TabRelated {
  /** The page's title (dataset title when the page is in the dataset). */
  title: string;
  inDataset: boolean;
  related: ResultEntry[];
}

export type SearchArgs = Omit<Extract<Request, { type: 'search' }>, 'type'>;

/** Everything the popup needs from the extension, injected so the UI can be tested without it. */
export interface PopupApi {
  search: (args: SearchArgs) => Promise<ResponseFor<'search'>>;
  summary: () => Promise<ResponseFor<'summary'>>;
  details: (paperId: string) => Promise<ResponseFor<'paper-details'>>;
  /** Related papers for the active tab when it is an arXiv abstract page, else null. */
  relatedForTab: () => Promise<TabRelated | null>;
  open: (url: string, mode: OpenMode) => void;
  openOptions: () => void;
}
