package dev.recall.kit.consuming;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while every event consumer is polling: a stalled projection is not a healthy service. */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {
    @Inject
    EventConsumers consumers;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Event consumers").up();
        for (EventConsumer consumer : consumers.all()) {
            EventConsumer.State state = consumer.state();
            response.withData(consumer.group(), state.name());
            if (state == EventConsumer.State.RETRYING || state == EventConsumer.State.STOPPED) {
                response.down();
                if (consumer.lastFailure() != null) {
                    response.withData(consumer.group() + ".lastFailure", consumer.lastFailure());
                }
            }
        }
        return response.build();
    }
}
