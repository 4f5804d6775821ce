-- One database per service (DESIGN.md): each service owns its schema and migrates it with Flyway.
CREATE DATABASE recall_deck;
CREATE DATABASE recall_quiz;
CREATE DATABASE recall_progress;
