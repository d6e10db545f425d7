/**
 * Comparing a title with a normalized title key without building the key
 * (the exact-title match confirms its hash candidates with it, see
 * title-hashes.ts).
 */
import { isPlainAscii, normalizeTitle } from './normalize';

/**
 * normalizeTitle(title) === key without building the normalized title, for
 * a plain-ASCII title (isPlainAscii: normalizeTitle then only lower-cases and
 * turns each run of non-[a-z0-9] into one space, trimmed); else normalizes.
 */
export function hasTitleKey(title: string, key: string): boolean {
  if (!isPlainAscii(title)) return normalizeTitle(title) === key;
  let k = 0;
  let gap = false;
  for (let i = 0; i < title.length; i++) {
    let c = title.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && k > 0 && key.charCodeAt(k++) !== 32) return false;
      if (key.charCodeAt(k++) !== c) return false;
      gap = false;
    } else gap = true;
  }
  return k === key.length;
}
