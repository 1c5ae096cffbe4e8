-- Films linked to the film index (models/films/, Wikipedia, CC BY-SA 4.0): the index id (its Wikipedia page key;
-- NULL: not linked, for an editor to look at), and what the index says of the film, as JSON text: directors,
-- writers, cast in billing order ([{"name","character"?}]), genres. Series and order use franchise and position.
ALTER TABLE films ADD COLUMN index_id TEXT;
ALTER TABLE films ADD COLUMN directors TEXT;
ALTER TABLE films ADD COLUMN writers TEXT;
ALTER TABLE films ADD COLUMN cast_list TEXT;
ALTER TABLE films ADD COLUMN genres TEXT;
CREATE INDEX films_index_id ON films (index_id);
