-- answers_by_deck_version (deck_id, deck_version) serves every query that answers_by_deck_session served (item
-- analysis reads a deck's answers by deck_id alone; nothing looks answers up by session). One index fewer to
-- keep per answer stored, and to build in a rebuild.
DROP INDEX answers_by_deck_session;
