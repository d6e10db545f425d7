import { storage } from 'wxt/utils/storage';
// zod/mini, not classic zod: this module is in the arXiv content script,
// where classic zod's ~60 kB would be compiled on every abstract page.
import * as z from 'zod/mini';

/**
 * User settings, kept in extension storage (synced between the sidebar, the
 * popup and the options page through storage change events). Parsed with zod
 * on every read, so a value written by an older version never breaks the UI:
 * anything unreadable falls back to the defaults, field by field.
 */
export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

export const SettingsSchema = z.object({
  theme: z.catch(ThemeSchema, 'system'),
  /** Learn arXiv ids and full author lists from matched pages. */
  learnFromPages: z.catch(z.boolean(), true),
  /** Sidebar sections the user collapsed, by section id. */
  collapsed: z.catch(z.record(z.string(), z.boolean()), {}),
  /** The whole sidebar hidden (header only). */
  sidebarHidden: z.catch(z.boolean(), false),
  /** Keep the background's index in memory while an arXiv page is in view (src/messaging/keep-ready.ts). */
  keepReady: z.catch(z.boolean(), true),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

const item = storage.defineItem<unknown>('local:settings', { fallback: {}, version: 1 });

export async function loadSettings(): Promise<Settings> {
  return SettingsSchema.parse(toObject(await item.getValue()));
}

/** Read-modify-write of some fields; returns the new settings. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...patch };
  await item.setValue(next);
  return next;
}

/** Calls back with the parsed settings whenever any extension page changes them. */
export function watchSettings(callback: (settings: Settings) => void): () => void {
  return item.watch((value) => callback(SettingsSchema.parse(toObject(value))));
}

function toObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export async function toggleSidebarHidden(): Promise<Settings> {
  return updateSettings({ sidebarHidden: !(await loadSettings()).sidebarHidden });
}

/** The settings store as the UI sees it. */
export const settingsPort = { load: loadSettings, update: updateSettings, watch: watchSettings };
