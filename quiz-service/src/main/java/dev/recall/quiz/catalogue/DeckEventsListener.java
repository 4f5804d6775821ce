package dev.recall.quiz.catalogue;

import dev.recall.contracts.Topics;
import dev.recall.kit.consuming.EventConsumers;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Feeds the catalogue from recall.deck-events, exactly once in effect. */
@ApplicationScoped
public class DeckEventsListener {
    @Inject
    EventConsumers consumers;

    @Inject
    Catalogue catalogue;

    @ConfigProperty(name = "recall.consumer.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "recall.consumer.group", defaultValue = "quiz-service")
    String group;

    void start(@Observes StartupEvent event) {
        if (enabled) {
            consumers.start(group, List.of(Topics.DECK_EVENTS), catalogue::apply);
        }
    }
}
