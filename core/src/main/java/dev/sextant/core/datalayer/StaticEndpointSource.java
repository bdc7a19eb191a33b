package dev.sextant.core.datalayer;

import dev.sextant.api.endpoint.Endpoint;
import dev.sextant.api.endpoint.EndpointId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** A fixed list of endpoints, e.g. from {@code --endpoints 10.0.0.1:8000,10.0.0.2:8000}. */
public final class StaticEndpointSource implements EndpointSource {
    private final List<Endpoint> endpoints;

    public StaticEndpointSource(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
    }

    /**
     * Parses a comma-separated list of {@code ip:port}.
     *
     * @throws IllegalArgumentException naming the entry that is not an address, or when the list is empty
     */
    public static StaticEndpointSource parse(String list) {
        Objects.requireNonNull(list, "list");
        List<Endpoint> out = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(Endpoint.of(EndpointId.parse(part)));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("endpoints: \"" + list + "\" (expected: ip:port[,ip:port...])");
        }
        return new StaticEndpointSource(out);
    }

    @Override
    public void start(Consumer<List<Endpoint>> listener) {
        listener.accept(endpoints);
    }

    @Override
    public String describe() {
        return "static list of " + endpoints.size() + " endpoints";
    }

    @Override
    public void close() {}
}
