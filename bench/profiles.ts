/**
 * A prolific publication's and critic's profile page data at scale: one publication with N reviews (default
 * 14,000, what the largest has in the million-review import corpus), each on its own film, in an in-memory
 * SQLite store with every consensus cached; prints the time of `publicationById` and `criticProfileOf`.
 *
 *   node bench/profiles.ts [--reviews 14000] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import { refreshConsensus } from '../src/app/consensus.ts';
import { criticProfileOf, resolveCritic } from '../src/app/critic.ts';
import { publicationById, publicationIdOf } from '../src/app/publications.ts';
import { openStore } from '../src/store/open.ts';

const { values: args } = parseArgs({ options: { reviews: { type: 'string', default: '14000' }, rounds: { type: 'string', default: '5' } } });
const n = Number(args.reviews);
const store = await openStore(':memory:');
const put = await store.putReviews(
  Array.from({ length: n }, (_, i) => ({
    film: { title: `Film ${i}`, year: 2000 },
    // One critic writes a tenth of them.
    critic: i % 10 === 0 ? 'Busy Critic' : `Critic ${i % 500}`,
    publication: 'The Daily',
    text: `Review ${i}.`,
    label: i % 3 > 0,
    date: `${1900 + Math.floor(i / 120)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
  })),
);
await refreshConsensus(store, put.films);
const busy = (await resolveCritic(store, 'Busy Critic'))!;
const time = async (name: string, f: () => Promise<unknown>): Promise<void> => {
  const ms: number[] = [];
  for (let k = 0; k < Number(args.rounds); k++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(42)} median ${ms[ms.length >> 1]!.toFixed(1)} ms, best ${ms[0]!.toFixed(1)} ms`);
};
console.log(`one publication of ${n} reviews on ${n} films, a critic of ${Math.ceil(n / 10)} of them`);
await time('publication page data (publicationById)', () => publicationById(store, publicationIdOf('The Daily')!));
await time('critic page data (criticProfileOf)', () => criticProfileOf(store, busy));
await store.close();
