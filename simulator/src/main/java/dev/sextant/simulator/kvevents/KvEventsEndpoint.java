package dev.sextant.simulator.kvevents;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a replica publishes KV events: a ZeroMQ PUB socket that binds an address (subscribers
 * connect to it, as with vLLM's {@code tcp://*:5556}) or connects to a subscriber that binds.
 *
 * @param bind true to bind, false to connect
 * @param address a ZeroMQ TCP address, {@code tcp://host:port}; a bound port may be {@code *} (any free port)
 */
public record KvEventsEndpoint(boolean bind, String address) {
    private static final Pattern TCP = Pattern.compile("tcp://([^:/]+|\\[[0-9a-fA-F:]+\\]):(\\*|\\d{1,5})");

    public KvEventsEndpoint {
        requireNonNull(address, "address");
        Matcher m = TCP.matcher(address);
        if (!m.matches()) {
            throw new IllegalArgumentException("kv-events address: '" + address + "' (expected: tcp://host:port)");
        }
        if (m.group(2).equals("*") && !bind) {
            throw new IllegalArgumentException("kv-events address: '" + address + "' (expected: a port to connect to)");
        }
        if (!m.group(2).equals("*") && Integer.parseInt(m.group(2)) > 65535) {
            throw new IllegalArgumentException("kv-events port: " + m.group(2) + " (expected: 0..65535)");
        }
    }

    /**
     * Parses {@code bind:tcp://*:5556} or {@code connect:tcp://host:port}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static KvEventsEndpoint parse(String spec) {
        requireNonNull(spec, "spec");
        int colon = spec.indexOf(':');
        String mode = colon < 0 ? "" : spec.substring(0, colon);
        return switch (mode) {
            case "bind" -> new KvEventsEndpoint(true, spec.substring(colon + 1));
            case "connect" -> new KvEventsEndpoint(false, spec.substring(colon + 1));
            default -> throw new IllegalArgumentException(
                    "kv-events: '" + spec + "' (expected: bind:tcp://*:PORT or connect:tcp://HOST:PORT)");
        };
    }

    /**
     * The endpoint of the {@code index}-th replica of a group: a bound fixed port moves up by the
     * index (as vLLM offsets it by the data-parallel rank); a connect address is shared, the topic
     * tells the replicas apart.
     */
    public KvEventsEndpoint forReplica(int index) {
        if (!bind || index == 0) {
            return this;
        }
        Matcher m = TCP.matcher(address);
        if (!m.matches() || m.group(2).equals("*")) {
            return this;
        }
        return new KvEventsEndpoint(true, "tcp://" + m.group(1) + ":" + (Integer.parseInt(m.group(2)) + index));
    }

    @Override
    public String toString() {
        return (bind ? "bind:" : "connect:") + address;
    }
}
