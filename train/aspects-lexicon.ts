/**
 * Derives the opinion word lists of the aspect stage from the Stanford Sentiment Treebank's word-level labels
 * (../shared/data/sst/sst_train.jsonl.gz, train split only; never titled/), written to models/lexicons/opinion-sst.json
 * (recorded in models/MANIFEST.json) for the analyser's model:
 * - strong: every single-word leaf labelled very negative (0) or very positive (4);
 * - mild: leaves labelled only negative (1) or only positive (3) whose naive-Bayes log-count ratio over the
 *   fresh/rotten snippets of MR and rt_flatiron agrees in sign with |r| > 0.5 (at least 8 snippets);
 * minus words that name plot content rather than judge the film (violence, illness, …: listed below) and
 * aspect terms.
 *
 *   node_modules/.bin/node train/aspects-lexicon.ts
 *
 * Deterministic: sorted output, no randomness.
 */
import { writeFileSync } from 'node:fs';
import { recordModelFiles } from '../src/learn/manifest.ts';
import { dataFile, loadJsonlGz } from '../src/node/data.ts';
import { MODELS_DIR } from '../src/node/load-model.ts';

// Leaves with a strong label that describe what happens in a film, not what the critic thinks of it.
const CONTENT = new Set(
  'violence illness racism racist adultery stalking nightmare coma dread devastating depressing morbid doomed crippled bruised tortured damaged-goods cruelly revulsion disgust disgusted depraved grotesque grotesquely hideous hideously nasty impossible ignorant negativity disdain disinterest frustration pissed pungent abhorrent repugnant repulsive dehumanizing bitter bitchy sucker downer smutty gross icky white-trash idiots dimwits cesspool freakshow wreaked goddammit love hope smile happy joy proud heroic hunk orgasm kids-and-family-oriented sweetheart goodies blessed euphoria celebrate pleasure laughing laughter humor fun pretty better encourage informative embracing amaze miraculous enriched enchanted adored captivated everlasting titillating esteemed oscar-nominated oscar-winning award-winning oscar-sweeping best-foreign-film iconic joyful cheery fiery electric extravagant savory delectable alluring cowardly avoid steals misery miserable agonizing dead die crimes hate hell enough contempt self-destructiveness freedom happiness hot attraction darling sexy wins seagal corpse avalanche drunken scream screams fart depressed sexist orgy aids cancer toilet shoot shooting exit funeral terrorist trapped gag joke puns chuckles died harm victim dahmer suicide affair assassination dragons mel fu xxx burning rejected sleep bite skip warned propaganda jackass showdown cold grisly sadistic suffering toxic burns beaten disguised fallen sports del growth miracle nation macy adventure topic cultural dream life prepare goals lust won score michel hearts berlin medicine town solutions family wealth spaces recording vein award neighborhood loyal mystic heart touch population secretary climate subconscious spider-man brady document healing companion teaming performances epic sensuality idealism oscar veteran ecstasy gut-wrenching eerily chilling landmark tale metaphor flatulence corpse'.split(' '),
);

const rows = await loadJsonlGz<{ tree: string }>(dataFile('sst/sst_train.jsonl.gz'));
const label = new Map<string, Set<number>>();
for (const r of rows) {
  for (const m of r.tree.matchAll(/\(([0-4]) ([^()\s]+)\)/g)) {
    const w = m[2]!.toLowerCase();
    if (!label.has(w)) label.set(w, new Set());
    label.get(w)!.add(Number(m[1]));
  }
}
// Document frequencies in fresh (pos) and rotten (neg) snippets, for the mild words' agreement check.
const posDf = new Map<string, number>();
const negDf = new Map<string, number>();
let nPos = 0;
let nNeg = 0;
const count = (text: string, fresh: boolean): void => {
  if (fresh) nPos++;
  else nNeg++;
  const df = fresh ? posDf : negDf;
  for (const w of new Set(text.toLowerCase().match(/[a-z][a-z'-]*[a-z]/g) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
};
for (const r of await loadJsonlGz<{ text: string; label: string }>(dataFile('mr/rt_polarity.jsonl.gz'))) count(r.text, r.label === 'pos');
for (const r of await loadJsonlGz<{ review: string | null; fresh: string }>(dataFile('rt_flatiron/rt_reviews.jsonl.gz'))) if (r.review) count(r.review, r.fresh === 'fresh');
const ratio = (w: string): { r: number; n: number } => {
  const p = posDf.get(w) ?? 0;
  const n = negDf.get(w) ?? 0;
  return { r: Math.log((p + 1) / (nPos + 1) / ((n + 1) / (nNeg + 1))), n: p + n };
};

const pos: string[] = [];
const neg: string[] = [];
const mildPos: string[] = [];
const mildNeg: string[] = [];
for (const [w, ls] of label) {
  if (CONTENT.has(w) || !/^[a-z][a-z'-]*[a-z]$/.test(w) || w.length < 3) continue;
  if (ls.has(4) && !ls.has(0) && !ls.has(1)) pos.push(w);
  else if (ls.has(0) && !ls.has(4) && !ls.has(3)) neg.push(w);
  else if (ls.has(3) && !ls.has(0) && !ls.has(1) && !ls.has(4)) {
    const { r, n } = ratio(w);
    if (n >= 8 && r > 0.5) mildPos.push(w);
  } else if (ls.has(1) && !ls.has(0) && !ls.has(3) && !ls.has(4)) {
    const { r, n } = ratio(w);
    if (n >= 8 && r < -0.5) mildNeg.push(w);
  }
}
for (const xs of [pos, neg, mildPos, mildNeg]) xs.sort();
const file = {
  about: "Opinion words of the aspect stage taken from the Stanford Sentiment Treebank (strong: ±0.8, mild: ±0.5 in aspects.json's scale).",
  provenance: "Stanford Sentiment Treebank word-level labels (Socher et al., EMNLP 2013; ../shared/data/sst/sst_train.jsonl.gz, train split): leaves labelled very positive (4) or very negative (0) and never the opposite side; milder ones (3 or 1) whose fresh/rotten ratio in the MR and rt_flatiron snippets agrees; minus plot-content words. Generated by `node train/aspects-lexicon.ts`; do not edit by hand.",
  positive: pos,
  negative: neg,
  mildPositive: mildPos,
  mildNegative: mildNeg,
};
writeFileSync(`${MODELS_DIR}lexicons/opinion-sst.json`, `${JSON.stringify(file, null, 1)}\n`);
recordModelFiles(MODELS_DIR, { 'lexicons/opinion-sst.json': { what: 'aspect and clause stages: opinion words from the SST word-level labels, strong and mild', source: 'node train/aspects-lexicon.ts' } });
console.log(`positive ${pos.length}, negative ${neg.length}, mild positive ${mildPos.length}, mild negative ${mildNeg.length}`);
