package dev.sextant.gateway.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fabric8's mock API server in CRUD mode on loopback, knowing InferencePools; clients use the JDK
 * HTTP client, as Sextant does. {@link #restart} drops every connection and watch but keeps the data,
 * as an API server restart or a network blip would.
 */
final class MockCluster implements AutoCloseable {
    static final String NAMESPACE = "llm";
    // The mock server logs every request at INFO; JUL holds loggers weakly, so keep this one.
    private static final java.util.logging.Logger QUIET = quiet("io.fabric8.mockwebserver");

    private final KubernetesCrudDispatcher dispatcher = new KubernetesCrudDispatcher(List.of(
            new CustomResourceDefinitionContext.Builder().withGroup(InferencePool.GROUP).withVersion(InferencePool.VERSION)
                    .withKind(InferencePool.KIND).withPlural(InferencePool.PLURAL).withScope("Namespaced").build()));
    private final List<KubernetesClient> clients = new ArrayList<>();
    private KubernetesMockServer server;
    private int port;

    MockCluster() {
        listen(0);
    }

    private void listen(int onPort) {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), onPort);
        port = server.getPort();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** A new client of this cluster; closed with it. */
    synchronized KubernetesClient client() {
        KubernetesClient c = server.createClient(b -> b.withHttpClientFactory(new JdkHttpClientFactory()));
        clients.add(c);
        return c;
    }

    /** Stops the server, cutting every watch, and starts it again on the same port with the same data. */
    void restart() {
        server.destroy();
        listen(port);
    }

    @Override
    public synchronized void close() {
        clients.forEach(KubernetesClient::close);
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // The mock server waits at most 10 s for its connections to drain; on a crowded machine the
            // JDK client's may linger longer. The server is stopped either way; the test's verdict stands.
            System.err.println("mock API server: " + e.getMessage());
        }
    }

    static GenericKubernetesResource pool(String name, Map<String, String> matchLabels, List<Integer> ports) {
        List<Map<String, Object>> targetPorts = new ArrayList<>();
        ports.forEach(p -> targetPorts.add(Map.of("number", p)));
        return pool(name, Map.of(
                "selector", Map.of("matchLabels", matchLabels),
                "targetPorts", targetPorts,
                "endpointPickerRef", Map.of("name", "sextant", "port", Map.of("number", 9002), "failureMode", "FailOpen")));
    }

    static GenericKubernetesResource pool(String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(InferencePool.GROUP + "/" + InferencePool.VERSION)
                .withKind(InferencePool.KIND)
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    /** A model-server pod, Ready or not, with an IP (null for none). */
    static PodBuilder pod(String name, String ip, boolean ready, Map<String, String> labels) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("vllm").withImage("vllm/vllm-openai").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus();
    }

    static Pod readyPod(String name, String ip, Map<String, String> labels) {
        return pod(name, ip, true, labels).build();
    }
}
