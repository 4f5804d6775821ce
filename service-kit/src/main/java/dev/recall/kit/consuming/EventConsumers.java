package dev.recall.kit.consuming;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts a service's event consumers on its database and broker, reports them, stops them on shutdown. */
@ApplicationScoped
public class EventConsumers {
    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** See {@link EventConsumer.Fetch}: at most 50 ms more per hop at low load (BENCHMARKS.md, Ingest). */
    @ConfigProperty(name = "recall.consumer.fetch-min-bytes", defaultValue = "65536")
    int fetchMinBytes;

    @ConfigProperty(name = "recall.consumer.fetch-max-wait", defaultValue = "PT0.05S")
    Duration fetchMaxWait;

    private final List<EventConsumer> consumers = new CopyOnWriteArrayList<>();

    public EventConsumer start(String group, List<String> topics, EventHandler handler) {
        return start(group, topics, dataSource, handler);
    }

    /** A consumer on another database than the service's own, e.g. one that rebuilds projections into fresh tables. */
    public EventConsumer start(String group, List<String> topics, DataSource database, EventHandler handler) {
        EventConsumer consumer = new EventConsumer(bootstrapServers, group, topics, database, handler,
                new EventConsumer.Fetch(fetchMinBytes, fetchMaxWait)).start();
        consumers.add(consumer);
        return consumer;
    }

    /** Stops one consumer and forgets it, so that readiness no longer waits for it (e.g. before a restart). */
    public void stop(EventConsumer consumer) throws InterruptedException {
        consumers.remove(consumer);
        consumer.close();
    }

    public List<EventConsumer> all() {
        return List.copyOf(consumers);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        for (EventConsumer consumer : consumers) {
            consumer.close();
        }
        consumers.clear();
    }
}
