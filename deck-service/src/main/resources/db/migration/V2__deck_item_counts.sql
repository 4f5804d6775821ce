-- GET /decks shows how many items of each kind and level a deck's draft holds.
ALTER TABLE decks
    ADD COLUMN items_by_kind  JSONB NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN items_by_level JSONB NOT NULL DEFAULT '{}'::jsonb;

-- Backfill from the event store: an item counts as it was last added or revised, unless removed since.
WITH item_events AS (
    SELECT deck_id, sequence, event_type,
           COALESCE(data -> 'item' ->> 'id', data ->> 'itemId') AS item_id,
           data -> 'item' AS item
    FROM deck_events
    WHERE event_type IN ('recall.deck.item-added', 'recall.deck.item-revised', 'recall.deck.item-removed')
), latest AS (
    SELECT DISTINCT ON (deck_id, item_id) deck_id, event_type, item
    FROM item_events
    ORDER BY deck_id, item_id, sequence DESC
), live AS (
    SELECT deck_id, item ->> 'kind' AS kind, item ->> 'level' AS level
    FROM latest
    WHERE event_type <> 'recall.deck.item-removed'
), by_kind AS (
    SELECT deck_id, jsonb_object_agg(kind, n) AS counts
    FROM (SELECT deck_id, kind, count(*) AS n FROM live GROUP BY deck_id, kind) k
    GROUP BY deck_id
), by_level AS (
    SELECT deck_id, jsonb_object_agg(level, n) AS counts
    FROM (SELECT deck_id, level, count(*) AS n FROM live GROUP BY deck_id, level) l
    GROUP BY deck_id
)
UPDATE decks d
SET items_by_kind  = COALESCE((SELECT counts FROM by_kind k WHERE k.deck_id = d.deck_id), '{}'::jsonb),
    items_by_level = COALESCE((SELECT counts FROM by_level l WHERE l.deck_id = d.deck_id), '{}'::jsonb);
