/**
 * Constant lookup tables of the aspect stage: aspect terms, a compact opinion lexicon for film criticism,
 * negators, intensifiers and clause breaks. All keys are lower-case tokens as the text layer cuts them
 * (curly apostrophes read as straight ones).
 *
 * Provenance: hand-compiled for this project from general English evaluative vocabulary and the film-craft
 * vocabulary of DESIGN.md's aspect list; no data set was copied. Weights are on a -1…1 scale (±1 strong,
 * ±0.5 mild). Plot words (kill, death, violent, dark, …) are deliberately absent: they describe events, not
 * the critic's opinion.
 */
import type { AspectId } from '../card.ts';
import { SST_MILD_NEGATIVE, SST_MILD_POSITIVE, SST_NEGATIVE, SST_POSITIVE } from './lexicon-sst.ts';

const table = <V>(groups: [V, string][]): Map<string, V> => {
  const m = new Map<string, V>();
  for (const [v, words] of groups) for (const w of words.trim().split(/\s+/)) m.set(w, v);
  return m;
};

/** Single-token aspect terms. */
export const ASPECT_TERMS: ReadonlyMap<string, AspectId> = table<AspectId>([
  ['story', 'idea ideas concept theme themes arc arcs exposition backstory story stories plot plots plotting plotline plotlines storyline storylines script scripts screenplay screenplays writing dialogue dialog dialogues narrative narratives storytelling story-telling ending endings conclusion payoff pay-off premise subplot subplots twist twists writers writer screenwriter screenwriters scripting conceit denouement dénouement coherence subtext commentary written scripted'],
  ['world', 'world-building worldbuilding lore mythology mythos universe setting settings backdrop backdrops landscapes atmosphere locale locales'],
  ['characters', 'character characters characterization characterisation characterizations protagonist protagonists villain villains hero heroes heroine characterisations antagonist antagonists sidekick sidekicks stereotype stereotypes'],
  ['acting', 'acting performance performances performer performers actor actors actress actresses cast casting ensemble portrayal portrayals performs chemistry superstars co-star co-stars cameo cameos acted persona delivery line-readings'],
  ['direction', 'direction directing director directors filmmaker filmmakers filmmaking helmer helming directorial directed directs helmed staging staged auteur treatment craftsmanship vision helmsman helmswoman mise-en-scene mise-en-scène handling'],
  ['action', 'fight fights fighting choreography choreographed stunt stunts stuntwork shootout shootouts set-piece set-pieces gunfight gunfights gunplay brawl brawls chase chases car-chase explosions battles swordplay combat kung-fu duel duels showdown showdowns gun-fu hand-to-hand'],
  ['visuals', 'cinematography photography photographed visuals visual visually effects cgi imagery images camerawork camera shots design costumes costume scenography production-design animation animated framing lighting lensing cinematographer lensed palette makeup compositions 3-d 3d vistas cinematic-look'],
  ['sound', 'score music soundtrack songs song lyrics sound sound-design composer tunes singing vocals orchestral soundtracks melody melodies soundscape soundscapes'],
  ['pacing', 'pacing pace paced editing edited editor structure runtime length rhythm rhythms midsection tempo momentum'],
  ['humor', 'humor humour jokes joke gags gag laughs laugh laughter wit comedic one-liners punchlines slapstick quips banter zingers puns'],
]);

/** Two-token aspect terms ("special effects"): key is "first second". */
export const ASPECT_BIGRAMS: ReadonlyMap<string, AspectId> = table<AspectId>([
  ['world', 'world building'],
  ['action', 'action sequences action sequence action scenes action scene set pieces fight scenes action beats'],
  ['visuals', 'eye candy special effects visual effects production design art direction set design'],
  ['sound', 'sound design sound effects'],
  ['pacing', 'running time first act second act third act final act'],
  ['humor', 'comic relief comic timing comic sensibility visual gag visual gags'],
  ['sound', 'sound track musical chops musical numbers'],
  ['story', 'plot holes plot-holes loose ends'],
  ['humor', 'comic moments comic touches'],
  ['visuals', 'the look its look special-effects work'],
  ['acting', 'leading lady leading man lead actor lead actress the leads screen presence the stars its stars the star'],
  ['action', 'martial arts battle scenes car chases'],
  ['visuals', 'production values art direction'],
  ['world', 'period detail'],
  ['humor', 'physical comedy'],
].map(([a, s]) => [a, s.replace(/(\S+) (\S+)/g, '$1_$2')] as [AspectId, string]));

/** Words that name an aspect and judge it in one ("funny", "overlong"): aspect and polarity. */
export const SELF_OPINION: ReadonlyMap<string, readonly [AspectId, number]> = (() => {
  const m = new Map<string, readonly [AspectId, number]>();
  const add = (a: AspectId, v: number, words: string): void => {
    for (const w of words.trim().split(/\s+/)) m.set(w, [a, v] as const);
  };
  add('humor', 0.8, 'funny funnier funniest hilarious hilariously witty comically laugh-out-loud uproarious amusing droll humorous often-hilarious');
  add('humor', -0.8, 'unfunny humorless humourless witless laughless not-so-funny');
  add('pacing', -0.8, 'overlong slow-paced plodding sluggish draggy padded bloated overstuffed meandering tedious long-winded interminable drags');
  add('pacing', -0.6, 'slow crawls lags lagging sags sagging longueurs');
  add('humor', 0.7, 'hoot amused laughed laughing chuckle chuckles chuckled giggle giggles guffaws');
  add('pacing', 0.7, 'brisk fast-paced tightly-paced well-paced zippy breezy taut');
  add('visuals', 0.8, 'gorgeous gorgeously stunning visually-stunning eye-popping photogenic lushly eye-candy splendid-looking eye-catching');
  add('action', 0.7, 'action-packed');
  add('acting', 0.7, 'well-acted well-performed');
  add('acting', -0.7, 'miscast overacting overacts hammy wooden');
  add('story', -0.7, 'contrived formulaic predictable clichéd cliched hackneyed derivative under-written underwritten incoherent convoluted');
  add('story', 0.7, 'well-written well-plotted well-structured');
  add('story', -0.8, 'plotless doggerel');
  add('story', -0.6, 'cliche cliché cliches clichés stereotypical shopworn well-worn played-out');
  add('direction', 0.8, 'visionary well-directed');
  add('direction', -0.7, 'misdirected');
  return m;
})();

/** Opinion words and their polarity. */
const HAND_OPINION: ReadonlyMap<string, number> = table<number>([
  [1, 'masterful masterpiece brilliant brilliantly superb superbly excellent outstanding terrific wonderful wonderfully magnificent exceptional extraordinary phenomenal sublime perfect perfectly flawless astonishing breathtaking dazzling triumph triumphant best greatest finest inimitable'],
  [0.8, 'great good-looking beautiful beautifully fantastic amazing awesome impressive impressively remarkable remarkably memorable riveting gripping compelling engaging engrossing absorbing captivating thrilling exhilarating electrifying delightful delight delights charming lovely moving powerful poignant smart clever intelligent inventive imaginative creative original fresh refreshing vivid vibrant rich nuanced subtle convincing convincingly authentic believable affecting fun entertaining enjoyable satisfying terrific sharp deft deftly skillful skilful assured confident elegant graceful striking mesmerizing mesmerising hypnotic spectacular superlative strong solid cool tremendous marvelous marvellous marvelously wit witty knockout classy inspired exciting winning uplifting unique exceeded exceeds surpasses mature enlivens enlivened evocative dreamy fluid enhances'],
  [0.5, 'good nice decent fine well-crafted crafted competent adept capable likable likeable pleasant pleasing solidly effective effectively engaging watchable interesting intriguing committed energetic lively pretty sweet warm genuine genuinely sincere honest earnest appealing worthy creative resourceful stylish slick polished glossy handsome elaborate ambitious grounded textured layered credible flavorful sure-footed favorable preferable nimble tender hooked chops jewel dead-on savvy slickness improves improved enjoyed enjoy loved liked admire admired praise recommend recommended worth works succeeds rewarding harmony plaudit contagious nails heartfelt precise talent talented strength success affection respect knack generous relaxed edgy accurate craftily'],
  [-1, 'awful terrible horrible dreadful atrocious abysmal worst disastrous disaster abomination unwatchable incompetent inept garbage rubbish trash pathetic painful laughable insufferable unbearable excruciating worthless putrid'],
  [-0.8, 'bad poor poorly weak weakest boring bored dull dreary tedious tiresome lifeless flat lame stupid dumb silly clumsy clumsily clunky awkward sloppy mess messy muddled disjointed choppy jarring jerky incoherent confusing uninspired unimaginative uninteresting unconvincing unconvincingly forgettable lackluster lacklustre mediocre bland generic stale tired tiresome obnoxious annoying irritating grating shallow hollow empty thin cheap cheesy hokey corny trite banal pedestrian limp inert lifeless wooden stilted robotic cartoonish one-dimensional caricatures overwrought overheated melodramatic heavy-handed pretentious smug disappointing disappointment disappoints failure fails failed flawed problem problems problematic unnecessary pointless misguided misfire misfires muddled murky lazy sophomoric dud doa punchless chunky distracting distracted unpleasant ugly oversimplified erratic uneven lags undramatic clumsiness damning ashamed'],
  [-0.5, 'slight lacking lacks lack uneven unfocused overlong predictable routine conventional ordinary average serviceable so-so okay ok meh overdone undercuts undercut robs wastes wasted waste squanders squandered downside drawback overstuffed exhausting exaggerated thin iffy jumbled shame unfortunate woozy lurches sillier illogical typical syrupy undermined undermines tainting tainted undistinguished rote'],
]);

/** Opinion words and their polarity: the hand-compiled table over the SST-derived strong words (±0.8) over the mild ones (±0.5), lexicon-sst.ts. */
export const OPINION: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const w of SST_MILD_POSITIVE) if (!ASPECT_TERMS.has(w)) m.set(w, 0.5);
  for (const w of SST_MILD_NEGATIVE) if (!ASPECT_TERMS.has(w)) m.set(w, -0.5);
  for (const w of SST_POSITIVE) m.set(w, 0.8);
  for (const w of SST_NEGATIVE) m.set(w, -0.8);
  for (const [w, v] of HAND_OPINION) m.set(w, v);
  // Comparatives and superlatives of one-word adjectives ("flatter", "sillier", "dullest"), where not listed.
  const VOWEL = /[aeiou]/;
  for (const [w, v] of [...m]) {
    if (w.includes('-') || w.endsWith('ly') || w.length < 3 || w.length > 8) continue;
    const forms = w.endsWith('e')
      ? [`${w}r`, `${w}st`]
      : w.endsWith('y') && !VOWEL.test(w[w.length - 2]!)
        ? [`${w.slice(0, -1)}ier`, `${w.slice(0, -1)}iest`]
        : /[^aeiou][aeiou][bdfgklmnprt]$/.test(w) && w.length <= 4
          ? [`${w}${w.at(-1)}er`, `${w}${w.at(-1)}est`]
          : [`${w}er`, `${w}est`];
    for (const f of forms) if (!m.has(f)) m.set(f, v);
  }
  return m;
})();

/** Words that flip the polarity of the opinion that follows within a few tokens. */
export const NEGATORS: ReadonlySet<string> = new Set(
  'not no never nothing nobody none neither nor hardly barely scarcely without cannot cant dont doesnt didnt isnt wasnt arent werent wont wouldnt couldnt shouldnt aint'.split(' '),
);

/** Degree words: multipliers of the opinion that follows. "too" turns praise into excess. */
export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ...'very so really truly incredibly extremely remarkably genuinely utterly thoroughly deeply highly immensely hugely exceptionally especially particularly absolutely totally completely undeniably downright frankly easily most consistently wildly'.split(' ').map((w) => [w, 1.4] as const),
  ...'pretty quite rather fairly major biggest'.split(' ').map((w) => [w, 1.2] as const),
  ...'somewhat slightly mildly moderately occasionally sometimes a-bit'.split(' ').map((w) => [w, 0.6] as const),
]);

/** Contrast and coordination words that start a new clause. */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set('but however while although though whereas yet despite except nevertheless nonetheless meanwhile whilst'.split(' '));

/** Punctuation that ends a clause. */
export const CLAUSE_PUNCT: ReadonlySet<string> = new Set([';', '—', '–', ':', '(', ')']);

/** Words that point a clause at another film (a predecessor, the franchise): its opinion counts less here. */
export const OTHER_FILM: ReadonlySet<string> = new Set('predecessor predecessors predecessor’s franchise original previous prior earlier other sequel sequels installments installment series'.split(' '));

/** Words after a name that make it a title ("the John Wick franchise", "John Wick: Chapter 4"). */
export const TITLE_HEADS: ReadonlySet<string> = new Set('franchise franchises series film films movie movies saga universe spin-off sequel sequels trilogy installment installments chapter chapters :'.split(' '));

/** Words after "action"/"comedy" that make it a genre label ("action movie"), not the aspect. */
export const GENRE_HEADS: ReadonlySet<string> = new Set('movie movies film films flick flicks comedy comedies thriller thrillers franchise franchises star stars hero heroes genre picture pictures fare vehicle blockbuster spectacle director directors adventure drama epic'.split(' '));

/** Verbs that follow a name used as a clause's subject ("Dench is", "Hitchcock fails"). */
export const SUBJECT_VERBS: ReadonlySet<string> = new Set(
  'is was seems seemed has had does did can could remains remained proves proved makes made gives gave delivers delivered brings brought plays played gets got manages managed keeps kept turns turned offers offered knows nails nailed steals stole overwhelms shines shone rules excels hits is-playing'.split(' '),
);

/** Verbs of making a film: a name followed by one is the filmmaker's ("Haynes crafts a tender romance"). */
export const DIRECTING_VERBS: ReadonlySet<string> = new Set('directs directed helms helmed stages staged crafts crafted orchestrates orchestrated mounts mounted shoots frames choreographs'.split(' '));

/**
 * Surnames of widely known film directors, in criticism usually named alone ("Hitchcock fails", "[Eastwood]
 * masterfully gives …"): a general gazetteer hand-compiled from film history (no data set), lower-case.
 * Names that are also common words (Lean, Ford, Lee, Stone) are left out.
 */
export const FILMMAKERS: ReadonlySet<string> = new Set(`
  hitchcock spielberg scorsese kubrick coppola tarantino nolan fincher kurosawa ozu mizoguchi miyazaki takahata
  kitano kore-eda koreeda bergman fellini antonioni visconti rossellini pasolini bertolucci leone argento bava
  godard truffaut chabrol rohmer resnais renoir bresson varda tati buñuel bunuel almodóvar almodovar haneke
  herzog fassbinder wenders tarkovsky eisenstein kieslowski polanski wajda murnau hawks capra welles huston
  wyler kazan lumet altman cassavetes peckinpah friedkin bogdanovich demme zemeckis cronenberg raimi burton
  gilliam soderbergh linklater coen coens wachowski wachowskis villeneuve iñárritu inarritu cuarón cuaron refn
  aronofsky jarmusch bigelow campion gerwig baumbach jonze gondry ritchie greengrass verhoeven shyamalan
  eastwood malick mendes romero curtiz sirk minnelli ophuls preminger mankiewicz sturges lubitsch cukor
  zinnemann pressburger spielberg abrams emmerich verbinski whedon waititi lanthimos mcdonagh haynes
  wheatley fukunaga chazelle kiarostami panahi farhadi levinson pakula schlesinger luhrmann tornatore
  lelouch jeunet besson kaurismäki kaurismaki von-trier vinterberg ozon assayas denis dardenne dardennes
  sayles egoyan apatow farrelly farrellys zucker
`.trim().split(/\s+/));
