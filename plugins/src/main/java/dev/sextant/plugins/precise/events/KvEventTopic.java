package dev.sextant.plugins.precise.events;

import dev.sextant.api.endpoint.EndpointId;
import java.util.Optional;

/**
 * The topic frame of a KV-event message, {@code kv@<ip:port>@<model>} (llm-d's convention; vLLM sends
 * whatever it was configured with). The model may itself contain {@code @}: everything after the second
 * {@code @} is the model.
 *
 * @param endpoint the publishing endpoint, if the topic names one as {@code ip:port}
 * @param model the served model, empty when the topic names none
 */
public record KvEventTopic(Optional<EndpointId> endpoint, String model) {

    /** Parses a topic; a topic that does not follow the convention yields no endpoint and no model. */
    public static KvEventTopic parse(String topic) {
        if (topic == null || !topic.startsWith("kv@")) {
            return new KvEventTopic(Optional.empty(), "");
        }
        String rest = topic.substring(3);
        int at = rest.indexOf('@');
        String address = at < 0 ? rest : rest.substring(0, at);
        String model = at < 0 ? "" : rest.substring(at + 1);
        Optional<EndpointId> endpoint;
        try {
            endpoint = Optional.of(EndpointId.parse(address));
        } catch (RuntimeException e) {
            endpoint = Optional.empty();
        }
        return new KvEventTopic(endpoint, model);
    }
}
