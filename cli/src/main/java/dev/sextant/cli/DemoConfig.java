package dev.sextant.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The configuration {@code sextant demo} runs when given none: llm-d's precise-prefix setup
 * (precise prefix 3, KV-cache utilisation 2, queue 2), with the precise scorer binding one ZeroMQ SUB socket
 * on loopback that every simulated replica publishes its KV events to.
 */
final class DemoConfig {
    static final String SOURCE = "<demo configuration>";

    private DemoConfig() {}

    static String kvEventsAddress(int port) {
        return "tcp://127.0.0.1:" + port;
    }

    static String yaml(int kvEventsPort) {
        return """
                apiVersion: inference.networking.x-k8s.io/v1alpha1
                kind: EndpointPickerConfig
                plugins:
                - type: precise-prefix-cache-scorer
                  parameters:
                    tokenProcessorConfig: {blockSize: 16}
                    kvEventsConfig: {zmqEndpoint: "%s", stallTimeout: 2s}
                - type: kv-cache-utilization-scorer
                - type: queue-scorer
                schedulingProfiles:
                - name: default
                  plugins:
                  - {pluginRef: precise-prefix-cache-scorer, weight: 3}
                  - {pluginRef: kv-cache-utilization-scorer, weight: 2}
                  - {pluginRef: queue-scorer, weight: 2}
                """.formatted(kvEventsAddress(kvEventsPort));
    }

    /** A TCP port free on loopback right now. */
    static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for KV events", e);
        }
    }
}
