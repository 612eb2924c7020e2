// The family's settings: loaded from SQLite at start, validated by the shared schema, changed by partial
// updates, and announced to whoever listens (the event stream, the services that apply them).
import { SettingsQueries } from '../db/settings-queries';
import type { Db } from '../db/open';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SECTIONS,
  applySettingsPatch,
  completeHomeRows,
  settingsPatch,
  settingsSchema,
  type FieldError,
  type MetadataSecrets,
  type Settings,
  type SettingsPatch,
  type SettingsSection,
} from '../../shared/settings';
import { upgradeStoredSection } from './stored-upgrade';

export type SettingsUpdate = { ok: true; settings: Settings; changed: boolean } | { ok: false; errors: FieldError[] };

export class SettingsStore {
  private readonly queries: SettingsQueries;
  private current: Settings;
  /** Provider keys: stored with the settings (row `secrets`), never part of what GET returns. */
  private secrets: MetadataSecrets;
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(db: Db, private readonly log: (m: string) => void = () => {}) {
    this.queries = new SettingsQueries(db);
    this.secrets = this.loadSecrets();
    this.current = this.load();
    this.current.metadata.tmdbApiKeySet = Boolean(this.secrets.tmdbApiKey);
    this.current.metadata.omdbApiKeySet = Boolean(this.secrets.omdbApiKey);
  }

  get(): Settings {
    return this.current;
  }

  /** A provider key, for the server's own use only. */
  secret(name: keyof MetadataSecrets): string | undefined {
    return this.secrets[name] || undefined;
  }

  /** Called after every change that altered something; returns the function that stops it. */
  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies a partial update: every bad field is reported, and nothing is written unless all are good.
   * `extraCheck` adds checks the schema cannot make (such as whether a theme exists).
   */
  update(body: unknown, extraCheck: (patch: SettingsPatch) => FieldError[] = () => []): SettingsUpdate {
    const parsed = settingsPatch.safeParse(body);
    const errors: FieldError[] = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : 'body', message: i.message }));
    if (parsed.success) errors.push(...extraCheck(parsed.data));
    if (!parsed.success || errors.length > 0) return { ok: false, errors };
    const next = applySettingsPatch(this.current, parsed.data);
    const changedSections = SETTINGS_SECTIONS.filter((s) => JSON.stringify(next[s]) !== JSON.stringify(this.current[s]));
    const secrets: MetadataSecrets = { ...this.secrets };
    for (const name of ['tmdbApiKey', 'omdbApiKey'] as const) {
      const given = parsed.data.metadata?.[name];
      if (given === undefined) continue;
      if (given === '') delete secrets[name];
      else secrets[name] = given;
    }
    // A new key in place of another changes no flag, yet it is a change: fetching starts again with it.
    const secretsChanged = JSON.stringify(secrets) !== JSON.stringify(this.secrets);
    if (changedSections.length === 0 && !secretsChanged) return { ok: true, settings: this.current, changed: false };
    const rows: Record<string, string> = Object.fromEntries(changedSections.map((s) => [s, JSON.stringify(next[s])]));
    if (secretsChanged) rows.secrets = JSON.stringify(secrets);
    this.queries.save(rows);
    this.secrets = secrets;
    this.current = next;
    for (const l of this.listeners) {
      try {
        l(next);
      } catch (e) {
        this.log(`a settings listener failed: ${(e as Error).message}`);
      }
    }
    return { ok: true, settings: next, changed: true };
  }

  private loadSecrets(): MetadataSecrets {
    const text = this.queries.all().get('secrets');
    if (text === undefined) return {};
    try {
      const raw: unknown = JSON.parse(text);
      const out: MetadataSecrets = {};
      if (raw && typeof raw === 'object') {
        const r = raw as Record<string, unknown>;
        if (typeof r.tmdbApiKey === 'string' && r.tmdbApiKey) out.tmdbApiKey = r.tmdbApiKey;
        if (typeof r.omdbApiKey === 'string' && r.omdbApiKey) out.omdbApiKey = r.omdbApiKey;
      }
      return out;
    } catch {
      this.log('settings: the stored provider keys are not JSON; they are ignored');
      return {};
    }
  }

  /** Stored sections over the defaults; a stored field that no longer validates falls back to its default, and says so. */
  private load(): Settings {
    const stored = this.queries.all();
    const merged: Record<string, unknown> = {};
    const upgraded: SettingsSection[] = [];
    for (const section of SETTINGS_SECTIONS) {
      const defaults = DEFAULT_SETTINGS[section] as Record<string, unknown>;
      let value: Record<string, unknown> = { ...defaults };
      const text = stored.get(section);
      if (text !== undefined) {
        try {
          const raw: unknown = JSON.parse(text);
          if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
            const upgrade = upgradeStoredSection(section, raw as Record<string, unknown>);
            if (upgrade.changed) upgraded.push(section);
            value = { ...defaults, ...upgrade.value };
          }
        } catch {
          this.log(`settings: the stored ${section} section is not JSON; using its defaults`);
        }
      }
      const schema = settingsSchema.shape[section];
      for (let attempt = 0; attempt < 50; attempt++) {
        const check = schema.safeParse(value);
        if (check.success) break;
        for (const issue of check.error.issues) {
          const key = issue.path[0];
          if (typeof key === 'string' && key in defaults) {
            this.log(`settings: ${section}.${issue.path.join('.')} was not valid (${issue.message}); using its default`);
            value[key] = defaults[key];
          } else if (typeof key === 'string') {
            // A field this version does not know (written by a newer one, or removed): dropped from the live copy only.
            delete value[key];
          } else {
            value = { ...defaults };
          }
        }
      }
      merged[section] = value;
    }
    const settings = settingsSchema.parse(merged);
    settings.home.rows = completeHomeRows(settings.home.rows);
    if (upgraded.length > 0) {
      // Written back once, so the database holds today's names and the next start has nothing to upgrade.
      this.queries.save(Object.fromEntries(upgraded.map((s) => [s, JSON.stringify(settings[s])])));
      this.log(`settings: upgraded the stored ${upgraded.join(', ')} section(s) to this version's names`);
    }
    return settings;
  }
}
