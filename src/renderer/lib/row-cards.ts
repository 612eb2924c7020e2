// The cards of horizontal rows (home, related titles, people rows, a person's known-for), built
// from the API's shapes, and where a card leads. Pure, so it is unit-tested.
import type { RouteLocationRaw } from 'vue-router';
import type { HomeCard, PersonCredit, RelatedTitle } from '../../shared/api';

export interface RowCardData extends HomeCard {
  /** Why it is in the row (related titles), shown under the title. */
  because?: string[];
}

export function relatedCard(title: RelatedTitle): RowCardData {
  return {
    id: title.id,
    kind: title.kind,
    title: title.title,
    subtitle: title.year === null ? null : String(title.year),
    year: title.year,
    image: title.poster,
    placeholder: title.placeholder,
    progress: null,
    watched: false,
    because: title.because,
  };
}

export function creditCard(credit: PersonCredit): RowCardData {
  const role =
    credit.role === 'actor' || credit.role === 'guest' ? (credit.character ? `as ${credit.character}` : null) : roleLabel(credit.role);
  return {
    id: credit.itemId,
    kind: credit.kind,
    title: credit.title,
    subtitle: [credit.year, role].filter((part) => part !== null && part !== '').join(' · ') || null,
    year: credit.year,
    image: credit.poster,
    placeholder: credit.placeholder,
    progress: null,
    watched: false,
  };
}

export function roleLabel(role: PersonCredit['role']): string {
  switch (role) {
    case 'actor':
      return 'Actor';
    case 'guest':
      return 'Guest star';
    case 'director':
      return 'Director';
    case 'writer':
      return 'Writer';
    case 'producer':
      return 'Producer';
    case 'composer':
      return 'Composer';
  }
}

/** A movie's page, a series' page; an episode opens its series (where its season is open). */
export function cardRoute(card: Pick<HomeCard, 'id' | 'kind' | 'seriesId'>): RouteLocationRaw {
  if (card.kind === 'episode' && card.seriesId) return { name: 'series', params: { id: card.seriesId }, query: { episode: card.id } };
  if (card.kind === 'series') return { name: 'series', params: { id: card.id } };
  return { name: 'movie', params: { id: card.id } };
}
