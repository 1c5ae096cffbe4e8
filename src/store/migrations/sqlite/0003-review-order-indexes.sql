-- A film's or a critic's reviews in page order (newest first) straight from an index, without a sort.
CREATE INDEX reviews_film_date ON reviews (film_id, date DESC, id);
CREATE INDEX reviews_critic_date ON reviews (critic_id, date DESC, id);
DROP INDEX reviews_film;
DROP INDEX reviews_critic;
