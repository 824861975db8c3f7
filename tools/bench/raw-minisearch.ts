/**
 * The baseline: raw MiniSearch over the same passages, default options plus `fuzzy: 0.2, prefix: true` —
 * what a straightforward integration would do.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';

export interface RawPassage {
  id: string;
  text: string;
}

const RAW_SEARCH_OPTIONS: SearchOptions = { fuzzy: 0.2, prefix: true };

export function buildRawIndex(passages: readonly RawPassage[]): MiniSearch<RawPassage> {
  const index = new MiniSearch<RawPassage>({ fields: ['text'] });
  index.addAll(passages);
  return index;
}

/** The raw equivalent of one benchmark query: a search for the commands, a suggestion for autocomplete. */
export function rawQuery(index: MiniSearch<RawPassage>, autocomplete: boolean, text: string): number {
  return autocomplete
    ? index.autoSuggest(text, RAW_SEARCH_OPTIONS).length
    : index.search(text, RAW_SEARCH_OPTIONS).length;
}
