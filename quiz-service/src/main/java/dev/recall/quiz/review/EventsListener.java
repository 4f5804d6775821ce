package dev.recall.quiz.review;

import dev.recall.contracts.EventEnvelope;
import dev.recall.contracts.Topics;
import dev.recall.kit.consuming.EventHandler;
import dev.recall.kit.consuming.EventConsumers;
import dev.recall.quiz.catalogue.Catalogue;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Feeds the catalogue from recall.deck-events and the review schedules from
 * recall.progress-events, exactly once in effect; each handler ignores the other's event types.
 */
@ApplicationScoped
public class EventsListener {
    @Inject
    EventConsumers consumers;

    @Inject
    Catalogue catalogue;

    @Inject
    Schedules schedules;

    @ConfigProperty(name = "recall.consumer.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "recall.consumer.group", defaultValue = "quiz-service")
    String group;

    void start(@Observes StartupEvent event) {
        if (enabled) {
            consumers.start(group, List.of(Topics.DECK_EVENTS, Topics.PROGRESS_EVENTS), new EventHandler() {
                /** Every other type (drafts' deck events, MasteryChanged) is passed over unread. */
                @Override
                public boolean handles(String type) {
                    return Catalogue.HANDLES.equals(type) || Schedules.HANDLES.equals(type);
                }

                @Override
                public void apply(Connection connection, EventEnvelope event) throws SQLException {
                    catalogue.apply(connection, event);
                    schedules.apply(connection, event);
                }

                /** The catalogue's and the schedules' tables are independent: each takes the batch on its own. */
                @Override
                public void applyAll(Connection connection, List<EventEnvelope> events) throws SQLException {
                    for (EventEnvelope event : events) {
                        catalogue.apply(connection, event);
                    }
                    schedules.applyAll(connection, events);
                }
            });
        }
    }
}
