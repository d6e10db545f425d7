/**
 * PaperView: a paper read field by field from PaperColumns (paper-columns.ts),
 * in a file of its own so the columns' storage and checks read apart from
 * the Paper-shaped face the scanning modules see.
 */
import type { PaperColumns } from './paper-columns';

/**
 * A paper read field by field from the columns, for the modules that scan
 * candidates (related, match, coauthors): scoring 20k candidates must not
 * make 20k Paper objects. PaperIndex swaps views for real Papers in answers.
 */
export class PaperView {
  constructor(
    readonly columns: PaperColumns,
    readonly ord: number,
  ) {}
  get id(): string {
    return this.columns.id(this.ord);
  }
  get arxivId(): string | undefined {
    return this.columns.arxivId(this.ord);
  }
  get title(): string {
    return this.columns.title(this.ord);
  }
  get authors(): string[] {
    return this.columns.authors(this.ord);
  }
  get authorsTruncated(): boolean {
    return this.columns.flag(this.ord, 'truncated');
  }
  get affiliations(): string[] {
    return this.columns.affiliations(this.ord);
  }
  get categories(): string[] {
    return this.columns.categories(this.ord);
  }
  get date(): string {
    return this.columns.date(this.ord);
  }
  get abstract(): string {
    return this.columns.abstracts.get(this.ord);
  }
  get hasCode(): boolean {
    return this.columns.hasCode(this.ord);
  }
  get codeUrl(): string | undefined {
    return this.columns.codeUrl(this.ord);
  }
  get sources(): string[] {
    return this.columns.sources(this.ord);
  }
}
