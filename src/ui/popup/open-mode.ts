/**
 * How a result opens, mirroring what the same modifiers do on a link in
 * Chrome: plain → new tab in front, Ctrl/⌘ → background tab, Shift → new window.
 */
export type OpenMode = 'tab' | 'background' | 'window';

export function openModeOf(e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): OpenMode {
  if (e.shiftKey) return 'window';
  return e.ctrlKey || e.metaKey ? 'background' : 'tab';
}
