// A person's credits as the person page shows them: a timeline by year (newest first, one entry
// per title with every role they had in it) and a known-for row. Pure, so it is unit-tested.
import type { PersonCredit } from '../../shared/api';
import { roleLabel } from './row-cards';

export interface TimelineEntry {
  itemId: string;
  kind: PersonCredit['kind'];
  /** The page the entry opens: the title's, or an episode's series. */
  target: { name: 'movie' | 'series'; id: string } | null;
  title: string;
  /** "as Amos Rudd", "Director · Writer", "Guest star as …". */
  roles: string;
  poster: string | null;
  placeholder: string | null;
}

export interface TimelineYear {
  /** null: the year is not known (listed last). */
  year: number | null;
  entries: TimelineEntry[];
}

function roleText(credit: PersonCredit): string {
  if (credit.role === 'actor') return credit.character ? `as ${credit.character}` : 'Actor';
  if (credit.role === 'guest') return credit.character ? `Guest star as ${credit.character}` : 'Guest star';
  return roleLabel(credit.role);
}

function targetOf(credit: PersonCredit): TimelineEntry['target'] {
  if (credit.kind === 'movie') return { name: 'movie', id: credit.itemId };
  if (credit.kind === 'series') return { name: 'series', id: credit.itemId };
  if (credit.seriesId) return { name: 'series', id: credit.seriesId };
  return null;
}

export function filmographyTimeline(credits: readonly PersonCredit[]): TimelineYear[] {
  const byItem = new Map<string, { credit: PersonCredit; roles: string[] }>();
  for (const credit of credits) {
    const entry = byItem.get(credit.itemId);
    const text = roleText(credit);
    if (entry) {
      if (!entry.roles.includes(text)) entry.roles.push(text);
    } else byItem.set(credit.itemId, { credit, roles: [text] });
  }
  const years = new Map<number | null, TimelineEntry[]>();
  for (const { credit, roles } of byItem.values()) {
    const list = years.get(credit.year) ?? [];
    list.push({
      itemId: credit.itemId,
      kind: credit.kind,
      target: targetOf(credit),
      title: credit.kind === 'episode' && credit.seriesTitle ? `${credit.seriesTitle}: ${credit.title}` : credit.title,
      roles: roles.join(' · '),
      poster: credit.poster,
      placeholder: credit.placeholder,
    });
    years.set(credit.year, list);
  }
  return [...years]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : b - a))
    .map(([year, entries]) => ({ year, entries: entries.sort((x, y) => x.title.localeCompare(y.title)) }));
}

/** Movies and series (not single episodes), acting and directing first, newest first. */
export function knownFor(credits: readonly PersonCredit[], limit = 16): PersonCredit[] {
  const weight = (credit: PersonCredit): number => (credit.role === 'actor' || credit.role === 'director' ? 0 : 1);
  const seen = new Set<string>();
  return [...credits]
    .filter((credit) => credit.kind === 'movie' || credit.kind === 'series')
    .sort((a, b) => weight(a) - weight(b) || (b.year ?? 0) - (a.year ?? 0))
    .filter((credit) => (seen.has(credit.itemId) ? false : (seen.add(credit.itemId), true)))
    .slice(0, limit);
}
