// The peer for `npm run bench -- cli`: a wink-nlp script doing what `verdict analyze --jsonl` does at its
// simplest — JSON Lines in, each text tokenised and scored (wink-nlp's own sentiment), one JSON line out.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model);
const its = nlp.its;
const input = process.argv[2] && process.argv[2] !== '-' ? createReadStream(process.argv[2]) : process.stdin;
let out = '';
for await (const line of createInterface({ input, crlfDelay: Infinity })) {
  if (!line.trim()) continue;
  const { text, ...rest } = JSON.parse(line);
  const doc = nlp.readDoc(text);
  out += `${JSON.stringify({ ...rest, sentiment: doc.out(its.sentiment), sentences: doc.sentences().length(), tokens: doc.tokens().length() })}\n`;
  if (out.length > 65536) {
    if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
    out = '';
  }
}
process.stdout.write(out);
