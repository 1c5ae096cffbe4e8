import { describe, expect, it } from 'vitest';
import { analyze } from '../index.ts';

// The film under review from a review's own first heading: the title, not the words around it.
describe('the film title from a heading', () => {
  it('takes a Markdown heading "# *Dune: Part Two* — review" as "Dune: Part Two", from markdown', () => {
    const card = analyze('# *Dune: Part Two* — review\n\nVilleneuve returns to Arrakis with a film of great scale. Dune: Part Two is a triumph.');
    expect(card.film).toMatchObject({ title: 'Dune: Part Two', source: 'markdown' });
    expect(card.film?.mentions.length).toBeGreaterThanOrEqual(2);
  });
  it('drops the dash before "review" in an HTML heading too, from html', () => {
    const card = analyze('<h1><em>Dune: Part Two</em> – review</h1><p>Dune: Part Two is a triumph.</p>');
    expect(card.film).toMatchObject({ title: 'Dune: Part Two', source: 'html' });
  });
});
