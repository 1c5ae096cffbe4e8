/**
 * @module An example or two for each command's `--help` (clig.dev: lead with examples), by command path. A command
 * whose own help text already has an "Examples:" block (analyze, import) is left as it is.
 */
export const EXAMPLES: Record<string, string[]> = {
  eval: ['verdict eval ratings', 'verdict eval sentiment --help'],
  'eval ratings': ['verdict eval ratings'],
  'eval entities': ['verdict eval entities'],
  'eval sentiment': ['verdict eval sentiment'],
  'eval aspects': ['verdict eval aspects'],
  'eval consensus': ['verdict eval consensus'],
  'eval editing': ['verdict eval editing'],
  'eval films': ['verdict eval films'],
  'eval linking': ['verdict eval linking'],
  'eval franchises': ['verdict eval franchises'],
  demo: ['verdict demo', 'verdict demo --db demo.db'],
  reanalyze: ['verdict reanalyze --db reviews.db'],
  worker: ['verdict worker --db postgres://verdict@db.example/verdict --wait'],
  keys: ['verdict keys create ingest --role editor', 'verdict keys list'],
  'keys create': ['verdict keys create ingest --role editor'],
  'keys list': ['verdict keys list --json'],
  'keys revoke': ['verdict keys revoke 1a2b3c4d   # an id from verdict keys list'],
  users: ['verdict users create alice --role admin', 'verdict users list'],
  'users create': ['verdict users create alice --role admin', 'printf "%s" "$PW" | verdict users create bob --password-stdin'],
  'users list': ['verdict users list --json'],
  'users disable': ['verdict users disable bob'],
  'users reset': ['verdict users reset bob'],
  correct: ['verdict queue', 'verdict correct review 8f3a… --rotten --reason "sarcasm"'],
  'correct review': ['verdict correct review 8f3a… --fresh --score 70', 'verdict correct review 8f3a… --aspect story=-1 --aspect humor=none'],
  'correct merge': ['verdict correct merge "Toy Story 4 (2019)" "Toy Story 4"'],
  'correct split': ['verdict correct split "Dune" 8f3a… 9b1c… --title "Dune" --year 1984'],
  'correct franchise': ['verdict correct franchise "Ballerina" "John Wick" --position 5'],
  'correct publish': ['verdict correct publish "Ballerina"', 'verdict correct publish "Ballerina" --draft'],
  'correct undo': ['verdict correct undo 12 --reason "wrong film"'],
  'correct log': ['verdict correct log', 'verdict correct log "Ballerina" --json'],
  queue: ['verdict queue', 'verdict queue --film "Ballerina" --json'],
  migrate: ['verdict migrate --db postgres://verdict@db.example/verdict'],
  films: ['verdict films', 'verdict films --search "toy sto" --json'],
  film: ['verdict film "Toy Story 4"', 'verdict film "Dune (2021)" --json'],
  critic: ['verdict critic "Roger Ebert"', 'verdict critic "Roger Ebert" --json'],
  franchise: ['verdict franchise "John Wick"'],
  export: ['verdict export --format csv --output reviews.csv', 'verdict export | verdict import - --db copy.db'],
  serve: ['verdict serve --port 8080', 'DATABASE_URL=postgres://verdict@db.example/verdict verdict serve'],
  start: ['verdict start', 'verdict start --db demo.db --port 8080'],
};

/** The "Examples:" block for a command path, or '' when there is none. */
export function examplesHelp(path: string): string {
  const lines = EXAMPLES[path];
  return lines ? `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n` : '';
}
