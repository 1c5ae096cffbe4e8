/**
 * Hand-made site data for the server's tests (not loaded by the server): two films, a franchise, two
 * critics, and a review whose text and metadata try to inject markup.
 */
import type { ReviewCard } from '../analyze/card.ts';
import type { Consensus, CriticDetail, FilmDetail, FranchiseDetail, PublicationDetail, ReviewDetail } from './api/dto.ts';
import { memorySiteData, type SiteData } from './site-data.ts';

export const HOSTILE_TEXT = 'Great fun. <script>alert("x")</script> <img src=x onerror="alert(1)"> <a href="javascript:alert(2)">click</a> The action is superb.';

function card(text: string, fresh: boolean): ReviewCard {
  const end = text.length;
  return {
    version: 'fixture',
    format: 'text',
    text,
    sentences: [{ start: 0, end, paragraph: 0, polarity: fresh ? 0.7 : -0.7 }],
    film: null,
    references: [],
    chronology: [],
    people: [],
    credits: [],
    verdict: { fresh, score: fresh ? 80 : 25, label: fresh ? 'positive' : 'negative', confidence: 0.8 },
    rating: null,
    aspects: [{ aspect: 'action', polarity: fresh ? 0.7 : -0.7, mentions: 1, evidence: [{ start: 0, end }] }],
    targets: [],
    quotes: [],
    spoilers: [],
  };
}

const consensus = (over: Partial<Consensus> = {}): Consensus => ({
  fresh: 2,
  counted: 3,
  share: 2 / 3,
  interval: { low: 0.21, high: 0.94 },
  shareSource: 'labels',
  certified: false,
  certifiedRule: '≥ 75% fresh over ≥ 40 reviews with ≥ 5 top critics',
  score: 62,
  band: 'favourable',
  weights: 'top critics count 2×, others 1×',
  scoreBins: [0, 0, 1, 0, 0, 0, 0, 1, 1, 0],
  aspects: [{ aspect: 'action', share: 0.67, reviews: 3, quotes: [{ text: 'The action is superb.', reviewId: 'r1', critic: 'Ann Critic', publication: 'Daily' }] }],
  topCritics: { reviews: 1, fresh: 1, counted: 1, share: 1, interval: { low: 0.21, high: 1 } },
  line: 'A fun ride with superb action.',
  quotes: [{ text: 'Great fun.', reviewId: 'r1', critic: 'Ann Critic', publication: 'Daily' }],
  ...over,
});

export const FILMS: FilmDetail[] = [
  { id: 'toy-story-4', title: 'Toy Story 4', year: 2019, franchise: { id: 'toy-story', name: 'Toy Story' }, reviews: 3, shareFresh: 2 / 3, score: 62, certified: false, consensus: consensus() },
  { id: 'toy-story', title: 'Toy Story', year: 1995, franchise: { id: 'toy-story', name: 'Toy Story' }, reviews: 1, shareFresh: 1, score: 95, certified: true, consensus: consensus({ fresh: 1, counted: 1, share: 1, certified: true, score: 95, band: 'acclaim' }) },
];

const mk = (id: string, filmIdx: number, critic: { id: string; name: string }, top: boolean, fresh: boolean, text: string, url: string | null = null): ReviewDetail => ({
  id,
  film: { id: FILMS[filmIdx]!.id, title: FILMS[filmIdx]!.title },
  critic,
  publication: critic.name === 'Ann Critic' ? 'Daily' : '<b>Weekly</b>',
  publicationId: critic.name === 'Ann Critic' ? 'daily' : 'weekly',
  topCritic: top,
  fresh,
  freshSource: 'label',
  score: fresh ? 80 : 25,
  rating: fresh ? '4/5' : '1/4',
  date: '2019-06-20',
  snippet: text.slice(0, 120),
  spoiler: id === 'r3',
  aspects: ['action'],
  url,
  card: card(text, fresh),
});

const ANN = { id: 'ann-critic', name: 'Ann Critic' };
const EVIL = { id: 'evil', name: '<img src=x onerror=alert(3)>' };

const REVIEWS: ReviewDetail[] = [
  mk('r1', 0, ANN, true, true, HOSTILE_TEXT, 'javascript:alert(4)'),
  mk('r2', 0, EVIL, false, false, 'Tired and dull. The action is flat.'),
  mk('r3', 0, ANN, false, true, 'A delight.', 'https://example.com/review'),
  mk('r4', 1, ANN, true, true, 'A landmark.'),
];

const CRITICS: CriticDetail[] = [
  { ...ANN, publication: 'Daily', publicationId: 'daily', topCritic: true, reviews: 3, profileReviews: 2, meanScore: 80, meanOffset: 6.5, agreement: 0.9 },
  { ...EVIL, publication: '<b>Weekly</b>', publicationId: 'weekly', topCritic: false, reviews: 1, profileReviews: 1, meanScore: 25, meanOffset: -30, agreement: 0 },
];

const share = (fresh: number, counted: number) => ({ reviews: counted, fresh, counted, share: fresh / counted, interval: { low: 0.2, high: 0.95 } });
const PUBLICATIONS: PublicationDetail[] = [
  { id: 'daily', name: 'Daily', reviews: 3, critics: [{ ...ANN, publication: 'Daily', publicationId: 'daily', topCritic: true, reviews: 3 }], profileReviews: 3, fresh: share(3, 3), meanScore: 80, meanOffset: 6.5, agreement: 0.9 },
  { id: 'weekly', name: '<b>Weekly</b>', reviews: 1, critics: [{ ...EVIL, publication: '<b>Weekly</b>', publicationId: 'weekly', topCritic: false, reviews: 1 }], profileReviews: 1, fresh: share(0, 1), meanScore: 25, meanOffset: -30, agreement: 0 },
];

export const FRANCHISES: FranchiseDetail[] = [
  {
    id: 'toy-story',
    name: 'Toy Story',
    films: 2,
    ranking: [FILMS[1]!, FILMS[0]!].map(({ consensus: _c, ...f }) => f),
    timeline: [{ title: 'Toy Story', filmId: 'toy-story' }, { title: 'Toy Story 4', filmId: 'toy-story-4' }],
    releaseOrder: [
      { indexId: 'Toy_Story', title: 'Toy Story', year: 1995, order: 1, relation: 'installment', filmId: 'toy-story', reviews: 1 },
      { indexId: 'Toy_Story_2', title: 'Toy Story 2', year: 1999, order: 2, relation: 'sequel', filmId: null, reviews: 0 },
      { indexId: 'Toy_Story_3', title: 'Toy Story 3', year: 2010, order: 3, relation: 'sequel', filmId: null, reviews: 0 },
      { indexId: 'Toy_Story_4', title: 'Toy Story 4', year: 2019, order: 4, relation: 'sequel', filmId: 'toy-story-4', reviews: 3 },
      { indexId: 'Lightyear_(film)', title: '<i>Lightyear</i>', year: 2022, order: null, relation: 'spin-off', filmId: null, reviews: 0 },
    ],
  },
];

export function fixtureData(): SiteData {
  return memorySiteData({ films: FILMS, reviews: REVIEWS, critics: CRITICS, franchises: FRANCHISES, publications: PUBLICATIONS });
}
