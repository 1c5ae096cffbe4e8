/**
 * @module A film's consensus from its reviews' facts: share fresh with a Wilson interval and its source,
 * the certified badge, the weighted average score and its band, per-aspect agreement with quotes, an
 * extractive one-line consensus and the top pull quotes. Pure and deterministic (ties broken by review id).
 */
import type { ReviewCard, Span } from '../analyze/card.ts';
import { bandOf, certifiedRuleText, DEFAULT_CONFIG, meetsCertified } from './config.ts';
import type { AspectConsensus, ConsensusConfig, FilmConsensus, QuoteRef, ReviewFacts, ShareSource } from './types.ts';
import { emPrior } from './quantify.ts';
import { wilson } from './wilson.ts';

/** A review's 0–100 score: the critic's explicit rating where there is one, else the model's score. */
export function reviewScore(f: ReviewFacts): { score: number; explicit: boolean } | null {
  const rating = f.rating ?? f.card?.rating?.normalized ?? null;
  if (rating !== null && Number.isFinite(rating)) return { score: clamp(rating, 0, 100), explicit: true };
  const model = f.card?.verdict?.score;
  if (model !== undefined && Number.isFinite(model)) return { score: clamp(model, 0, 100), explicit: false };
  return null;
}

/** Probability that the model's verdict is fresh (its calibrated confidence, turned around for rotten calls). */
export function modelFreshProbability(card: ReviewCard | null): number | null {
  const v = card?.verdict;
  if (!v) return null;
  const c = clamp(v.confidence, 0, 1);
  return v.fresh ? c : 1 - c;
}

export type CallSource = 'label' | 'rating' | 'model';

/** A review's fresh/rotten call and where it came from; null when it has none. `p` is 0/1 except for `probability` quantification. */
export function reviewCall(f: ReviewFacts, config: ConsensusConfig = DEFAULT_CONFIG): { fresh: boolean; p: number; source: CallSource } | null {
  if (f.label !== null && !config.ignoreLabels) return { fresh: f.label, p: f.label ? 1 : 0, source: 'label' };
  if (config.useRatings) {
    const rating = f.rating ?? f.card?.rating?.normalized ?? null;
    if (rating !== null && Number.isFinite(rating)) {
      const fresh = rating >= config.ratingFreshAt;
      return { fresh, p: fresh ? 1 : 0, source: 'rating' };
    }
  }
  const p = modelFreshProbability(f.card);
  if (p === null) return null;
  const fresh = f.card!.verdict!.fresh;
  const kind = config.quantifier.kind;
  return { fresh, p: kind === 'probability' || kind === 'probability-adjusted' || kind === 'em' ? p : fresh ? 1 : 0, source: 'model' };
}

/** The share of fresh reviews estimated from calls: labels and ratings count as given, model calls by the quantifier. */
export function estimateShare(
  calls: { p: number; source: CallSource }[],
  config: ConsensusConfig = DEFAULT_CONFIG,
): { fresh: number; counted: number; share: number | null } {
  let given = 0;
  let givenFresh = 0;
  let model = 0;
  let modelFresh = 0;
  const modelPs: number[] = [];
  for (const c of calls) {
    if (c.source === 'model') {
      model++;
      modelFresh += c.p;
      modelPs.push(c.p);
    } else {
      given++;
      givenFresh += c.p;
    }
  }
  let modelEstimate = model > 0 ? modelFresh / model : 0;
  const q = config.quantifier;
  if ((q.kind === 'adjusted' || q.kind === 'probability-adjusted') && model > 0 && q.tpr - q.fpr > 0.05) {
    modelEstimate = clamp((modelEstimate - q.fpr) / (q.tpr - q.fpr), 0, 1);
  } else if (q.kind === 'em' && model > 0) {
    modelEstimate = emPrior(modelPs, q.prior);
  }
  const counted = given + model;
  const fresh = givenFresh + modelEstimate * model;
  return { fresh, counted, share: counted > 0 ? fresh / counted : null };
}

/** The consensus of one film from all of its reviews. */
export function filmConsensus(filmId: string, reviews: readonly ReviewFacts[], config: ConsensusConfig = DEFAULT_CONFIG): FilmConsensus {
  const sorted = [...reviews].sort((a, b) => cmp(a.id, b.id));

  // Share fresh.
  const calls: { f: ReviewFacts; fresh: boolean; p: number; source: CallSource }[] = [];
  for (const f of sorted) {
    const c = reviewCall(f, config);
    if (c) calls.push({ f, ...c });
  }
  const est = estimateShare(calls, config);
  const bySource = { labels: 0, ratings: 0, model: 0 };
  for (const c of calls) bySource[c.source === 'label' ? 'labels' : c.source === 'rating' ? 'ratings' : 'model']++;
  const shareSource: ShareSource = bySource.labels === calls.length && calls.length > 0 ? 'labels' : bySource.labels === 0 ? 'model' : 'mixed';
  const share = est.share === null ? null : round(est.share, 4);
  const interval = share === null ? null : roundInterval(wilson(est.share!, est.counted, config.z));
  const topCritics = calls.filter((c) => c.f.topCritic).length;
  const rule = config.certified;
  const certified = meetsCertified(rule, { share, counted: est.counted, topCritics });

  // Weighted average score.
  let wSum = 0;
  let wScore = 0;
  let explicitScores = 0;
  let modelScores = 0;
  const scoreBins = new Array<number>(10).fill(0);
  for (const f of sorted) {
    const s = reviewScore(f);
    if (!s) continue;
    const w = (f.topCritic ? config.topCriticWeight : 1) * (s.explicit ? 1 : config.modelScoreWeight);
    if (s.explicit) explicitScores++;
    else modelScores++;
    scoreBins[Math.min(9, Math.floor(s.score / 10))]!++;
    if (w <= 0) continue;
    wSum += w;
    wScore += w * s.score;
  }
  const score = wSum > 0 ? round(wScore / wSum, 1) : null;

  // Which side is the majority (for quotes and the line): the share, else the score.
  const majorityFresh = share !== null ? share >= 0.5 : score !== null ? score >= 50 : true;
  const aspects = aspectConsensus(sorted, config);
  const { line, sources } = consensusLine(sorted, calls, aspects, majorityFresh);
  return {
    filmId,
    reviews: sorted.length,
    fresh: Math.round(est.fresh),
    counted: est.counted,
    share,
    interval,
    shareSource,
    calls: bySource,
    topCritics,
    certified,
    certifiedRule: certifiedRuleText(rule),
    score,
    band: score === null ? null : bandOf(score),
    weights: weightsText(config, explicitScores, modelScores),
    weighting: { topCritic: config.topCriticWeight, regular: 1, modelScore: config.modelScoreWeight, explicitScores, modelScores },
    scoreBins,
    aspects,
    line,
    lineSources: sources,
    quotes: pullQuotes(sorted, calls, majorityFresh, config.quotes, new Set(sources.map((s) => s.text))),
  };
}

function weightsText(config: ConsensusConfig, explicit: number, model: number): string {
  const parts = [`critics' own ratings normalised to 0–100 (${explicit} reviews), else the model's score from the text (${model} reviews)`];
  parts.push(`top critics weigh ${config.topCriticWeight}×, other critics 1×`);
  if (config.modelScoreWeight !== 1) parts.push(`a model score weighs ${config.modelScoreWeight}× an explicit rating`);
  return `Weighted mean of ${parts.join('; ')}.`;
}

// --- aspects ---

function aspectConsensus(reviews: ReviewFacts[], config: ConsensusConfig): AspectConsensus[] {
  const acc = new Map<string, { n: number; pos: number; pol: number; items: { f: ReviewFacts; polarity: number; evidence: Span[] }[] }>();
  for (const f of reviews) {
    const seen = new Set<string>();
    for (const a of f.card?.aspects ?? []) {
      if (seen.has(a.aspect)) continue;
      seen.add(a.aspect);
      let e = acc.get(a.aspect);
      if (!e) acc.set(a.aspect, (e = { n: 0, pos: 0, pol: 0, items: [] }));
      e.n++;
      if (a.polarity > 0) e.pos++;
      e.pol += a.polarity;
      e.items.push({ f, polarity: a.polarity, evidence: a.evidence });
    }
  }
  const out: AspectConsensus[] = [];
  for (const [aspect, e] of acc) {
    if (e.n < config.minAspectReviews) continue;
    const share = e.pos / e.n;
    const sign = share >= 0.5 ? 1 : -1;
    const cands: { q: QuoteRef; s: number }[] = [];
    for (const it of e.items) {
      if (Math.sign(it.polarity) !== sign) continue;
      let best: { q: QuoteRef; s: number } | null = null;
      for (const span of it.evidence) {
        const sentence = sentenceAround(it.f.card!, span);
        // The sentence itself must lean the majority's way (a review can praise an aspect in one sentence and knock it in another).
        const sp = 'polarity' in sentence && typeof sentence.polarity === 'number' ? sentence.polarity : null;
        if (sp !== null && Math.sign(sp) !== sign) continue;
        const q = quoteOf(it.f, sentence);
        const len = q.text.length;
        if (len < 15 || len > 300) continue;
        const s = (Math.abs(it.polarity) + (sp === null ? 0 : Math.abs(sp))) * (len <= 200 ? 1 : 0.5);
        if (!best || s > best.s) best = { q, s };
      }
      if (best) cands.push(best);
    }
    cands.sort((a, b) => b.s - a.s || cmp(a.q.reviewId, b.q.reviewId));
    out.push({ aspect: aspect as AspectConsensus['aspect'], share: round(share, 4), reviews: e.n, polarity: round(e.pol / e.n, 3), quotes: cands.slice(0, 2).map((c) => c.q) });
  }
  return out.sort((a, b) => b.reviews - a.reviews || cmp(a.aspect, b.aspect));
}

// --- the one-line consensus and pull quotes ---

const STOP = new Set(
  'that this with from have their they them there which what when where about into than then these those just more most very much some such been were will would could should film films movie movies story also even only like make makes made still ever does while being through over other because after before itself'.split(' '),
);

function words(s: string): string[] {
  return (s.toLowerCase().match(/\p{L}[\p{L}'’]+/gu) ?? []).filter((w) => w.length >= 4 && !STOP.has(w));
}

function looksQuotable(text: string): boolean {
  if (text.length < 30 || text.length > 220) return false;
  if (/\[full review/i.test(text) || /\?$/.test(text) || /^[\p{Ll},;:)\]]/u.test(text)) return false;
  return !/&#?\w+;/.test(text);
}

interface Candidate {
  q: QuoteRef;
  polarity: number;
  aspects: Set<string>;
  words: string[];
}

function candidates(f: ReviewFacts): Candidate[] {
  const card = f.card;
  if (!card) return [];
  const out: Candidate[] = [];
  const spoilers = card.spoilers ?? [];
  card.sentences.forEach((s) => {
    if (s.repeatOf !== undefined) return;
    if (spoilers.some((sp) => sp.start < s.end && s.start < sp.end)) return;
    const q = quoteOf(f, s);
    if (!looksQuotable(q.text)) return;
    const polarity = s.polarity ?? (card.verdict ? (card.verdict.fresh ? 1 : -1) * (card.verdict.confidence - 0.5) * 2 : 0);
    const aspects = new Set<string>();
    for (const a of card.aspects) if (a.evidence.some((e) => e.start < s.end && s.start < e.end)) aspects.add(a.aspect);
    out.push({ q, polarity, aspects, words: words(q.text) });
  });
  return out;
}

function consensusLine(
  reviews: ReviewFacts[],
  calls: { f: ReviewFacts; fresh: boolean }[],
  aspects: AspectConsensus[],
  majorityFresh: boolean,
): { line: string | null; sources: QuoteRef[] } {
  const callOf = new Map(calls.map((c) => [c.f.id, c.fresh]));
  const sign = majorityFresh ? 1 : -1;
  const top = aspects.slice(0, 3).filter((a) => (a.share >= 0.5 ? 1 : -1) === sign || aspects.length <= 1);
  const topWeight = new Map(top.map((a, i) => [a.aspect as string, 1 - i * 0.25]));
  // Words many reviews use: a sentence built from them states what reviews share.
  const df = new Map<string, number>();
  const cands: Candidate[] = [];
  for (const f of reviews) {
    const call = callOf.get(f.id);
    const cs = candidates(f);
    for (const w of new Set(cs.flatMap((c) => c.words))) df.set(w, (df.get(w) ?? 0) + 1);
    if (call !== undefined && call !== majorityFresh) continue;
    for (const c of cs) if (Math.sign(c.polarity) === sign) cands.push(c);
  }
  if (cands.length === 0) return { line: null, sources: [] };
  const n = Math.max(1, reviews.length);
  const scoreOf = (c: Candidate): number => {
    let aspectScore = 0;
    for (const a of c.aspects) aspectScore += topWeight.get(a) ?? 0;
    const centrality = c.words.length ? c.words.reduce((s, w) => s + Math.min(1, ((df.get(w) ?? 1) - 1) / Math.max(1, n * 0.2)), 0) / c.words.length : 0;
    const lengthFit = c.q.text.length >= 50 && c.q.text.length <= 160 ? 1 : 0.7;
    return (Math.abs(c.polarity) + 0.6 * aspectScore + centrality) * lengthFit;
  };
  const ranked = cands.map((c) => ({ c, s: scoreOf(c) })).sort((a, b) => b.s - a.s || cmp(a.c.q.reviewId, b.c.q.reviewId) || a.c.q.start - b.c.q.start);
  const first = ranked[0]!.c;
  const sources = [first.q];
  // A second sentence when it adds a most-discussed aspect the first does not cover and the line stays short.
  const missing = top.map((a) => a.aspect as string).filter((a) => !first.aspects.has(a));
  if (missing.length > 0) {
    const second = ranked.find(
      (r) => r.c.q.reviewId !== first.q.reviewId && r.c.q.text.length + first.q.text.length <= 220 && missing.some((a) => r.c.aspects.has(a)),
    );
    if (second) sources.push(second.c.q);
  }
  return { line: sources.map((s) => s.text).join(' '), sources };
}

function pullQuotes(
  reviews: ReviewFacts[],
  calls: { f: ReviewFacts; fresh: boolean }[],
  majorityFresh: boolean,
  count: number,
  exclude: Set<string>,
): QuoteRef[] {
  const callOf = new Map(calls.map((c) => [c.f.id, c.fresh]));
  const ranked: { q: QuoteRef; s: number }[] = [];
  for (const f of reviews) {
    const card = f.card;
    if (!card) continue;
    const agrees = callOf.get(f.id) === undefined || callOf.get(f.id) === majorityFresh;
    const boost = (agrees ? 1 : 0.5) * (f.topCritic ? 1.25 : 1);
    let best: { q: QuoteRef; s: number } | null = null;
    for (const pq of card.quotes ?? []) {
      const q = quoteOf(f, pq);
      if (exclude.has(q.text) || !looksQuotable(q.text)) continue;
      if (!best || pq.score > best.s) best = { q, s: pq.score };
    }
    if (!best) {
      // The quotes stage found none: the review's strongest quotable sentence on its own side.
      for (const c of candidates(f)) {
        if (exclude.has(c.q.text)) continue;
        const s = Math.abs(c.polarity);
        if (!best || s > best.s) best = { q: c.q, s };
      }
    }
    if (best) ranked.push({ q: best.q, s: best.s * boost });
  }
  ranked.sort((a, b) => b.s - a.s || cmp(a.q.reviewId, b.q.reviewId));
  const seen = new Set<string>();
  const out: QuoteRef[] = [];
  for (const r of ranked) {
    if (out.length >= count) break;
    if (seen.has(r.q.text)) continue;
    seen.add(r.q.text);
    out.push(r.q);
  }
  return out;
}

// --- helpers ---

/** The sentence of the card containing a span (the span itself when no sentence holds it). */
function sentenceAround(card: ReviewCard, span: Span): Span & { polarity?: number } {
  for (const s of card.sentences) if (s.start <= span.start && span.end <= s.end) return s;
  return span;
}

function quoteOf(f: ReviewFacts, span: Span): QuoteRef {
  const raw = f.card!.text.slice(span.start, span.end);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  return { reviewId: f.id, text, start: span.start + lead, end: span.start + lead + text.length, critic: f.criticName, publication: f.publicationName };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function round(x: number, digits: number): number {
  const m = 10 ** digits;
  return Math.round(x * m) / m;
}

function roundInterval(i: { low: number; high: number } | null): { low: number; high: number } | null {
  return i && { low: round(i.low, 4), high: round(i.high, 4) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
