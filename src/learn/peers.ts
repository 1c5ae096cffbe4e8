/**
 * The peer polarity tools (VADER, AFINN, wink-nlp) and the speed measurement that sets Verdict beside them,
 * shared by `verdict eval sentiment` and bench/.
 */
import { createRequire } from 'node:module';
import { analyze, type Model } from '../analyze/index.ts';
import { scoreSentiment } from '../analyze/sentiment/index.ts';
import { readDoc } from '../analyze/text/index.ts';

// The peers are CommonJS packages without type declarations: typed here by the calls we make.
const require = createRequire(import.meta.url);
const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } } };
const Afinn = require('sentiment') as new () => { analyze(t: string): { score: number } };
const winkNlp = require('wink-nlp') as (model: unknown) => { readDoc(t: string): { out(f: unknown): unknown }; its: { sentiment: unknown } };
const winkModel = require('wink-eng-lite-web-model') as unknown;

const afinn = new Afinn();
const wink = winkNlp(winkModel);
export const PEERS: { name: string; positive: (t: string) => boolean }[] = [
  { name: 'VADER', positive: (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound >= 0 },
  { name: 'AFINN', positive: (t) => afinn.analyze(t).score >= 0 },
  { name: 'wink-nlp', positive: (t) => (wink.readDoc(t).out(wink.its.sentiment) as number) >= 0 },
];

export interface Speed {
  tool: string;
  reviewsPerSecond: number;
  mbPerSecond: number;
}

function timeIt(texts: readonly string[], fn: (t: string) => unknown, rounds: number): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const t of texts) fn(t);
    best = Math.min(best, performance.now() - t0);
  }
  return best / 1000;
}

export function measureSpeed(texts: readonly string[], model: Model, shipped: Model): Speed[] {
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t, 'utf8'), 0);
  const tools: { tool: string; run: (t: string) => unknown }[] = [
    { tool: 'Verdict polarity', run: (t) => scoreSentiment(readDoc(t), model, null) },
    { tool: 'Verdict card', run: (t) => analyze(t, shipped) },
    // Polarity only through the stage switch: the text layer, the rating and the sentiment stage of the shipped model.
    { tool: 'Verdict polarity stage', run: (t) => analyze(t, shipped, { stages: ['sentiment'] }) },
    ...PEERS.map((p) => ({ tool: p.name, run: p.positive })),
  ];
  for (const t of tools) timeIt(texts.slice(0, 50), t.run, 1); // warm-up
  // Interleaved rounds, best of three: each tool meets the same machine load.
  const seconds = new Map<string, number>();
  for (let round = 0; round < 3; round++) {
    for (const t of tools) seconds.set(t.tool, Math.min(seconds.get(t.tool) ?? Infinity, timeIt(texts, t.run, 1)));
  }
  return tools.map((t) => ({ tool: t.tool, reviewsPerSecond: texts.length / seconds.get(t.tool)!, mbPerSecond: bytes / 1e6 / seconds.get(t.tool)! }));
}

