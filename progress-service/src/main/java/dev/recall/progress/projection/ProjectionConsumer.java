package dev.recall.progress.projection;

import dev.recall.contracts.Topics;
import dev.recall.kit.consuming.EventConsumer;
import dev.recall.kit.consuming.EventConsumers;
import dev.recall.progress.scheduling.Fsrs;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the one consumer that folds recall.deck-events and recall.quiz-events into the projection
 * tables: exactly-once by event id, invalid or rejected events to the topic's dead-letter topic.
 */
@ApplicationScoped
public class ProjectionConsumer {
    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);
    static final List<String> TOPICS = List.of(Topics.DECK_EVENTS, Topics.QUIZ_EVENTS);

    @Inject
    EventConsumers consumers;

    @Inject
    Fsrs fsrs;

    @ConfigProperty(name = "recall.consumer.group", defaultValue = "progress-service")
    String group;

    @ConfigProperty(name = "recall.consumer.enabled", defaultValue = "true")
    boolean enabled;

    private volatile EventConsumer consumer;

    /** What {@code GET /admin/projection} reports. */
    public record Status(String status, long eventsApplied, long duplicatesSkipped, long deadLettered) {
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("recall.consumer.enabled=false: the projections are not being updated");
            return;
        }
        consumer = consumers.start(group, TOPICS, new ProgressProjector(fsrs));
    }

    public Status status() {
        EventConsumer running = consumer;
        if (running == null) {
            return new Status("STOPPED", 0, 0, 0);
        }
        String status = running.state() == EventConsumer.State.RUNNING ? "LIVE" : running.state().name();
        return new Status(status, running.applied(), running.duplicates(), running.deadLettered());
    }
}
