package dev.sextant.gateway.kubernetes;

import dev.sextant.api.SextantException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Connecting to the Kubernetes API server, and saying in plain words why it did not work.
 */
public final class KubernetesClients {
    /** The namespace used when neither a flag, {@code NAMESPACE} nor the client configuration names one. */
    public static final String DEFAULT_NAMESPACE = "default";

    private static final int REQUEST_RETRIES = 3;

    private KubernetesClients() {}

    /**
     * A client configured from the standard places: the pod's service account inside a cluster, else
     * {@code KUBECONFIG} or {@code ~/.kube/config}; or from {@code kubeconfig} when given. Uses the
     * JDK's HTTP client. Nothing is sent to the server yet.
     *
     * @param kubeconfig a kubeconfig file, or null for the standard places
     * @throws IllegalArgumentException when {@code kubeconfig} cannot be read or parsed
     */
    public static KubernetesClient connect(Path kubeconfig) {
        Config config;
        if (kubeconfig == null) {
            config = Config.autoConfigure(null);
        } else {
            if (!Files.isReadable(kubeconfig)) {
                throw new IllegalArgumentException("--kubeconfig: " + kubeconfig + " (expected: a readable kubeconfig file)");
            }
            try {
                config = Config.fromKubeconfig(null, kubeconfig.toFile());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--kubeconfig: " + kubeconfig + ": " + e.getMessage()
                        + " (expected: a kubeconfig file)", e);
            }
        }
        // fabric8 retries a failed request ten times with exponential back-off (about 100 s in all), which
        // would hide an unreachable API server at start-up; informers and leader election retry on their own.
        config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    /**
     * The namespace to work in: {@code flag} if given, else the {@code NAMESPACE} environment variable
     * (as GIE's Endpoint Picker), else the client's (service account or kubeconfig context), else
     * {@value #DEFAULT_NAMESPACE}.
     */
    public static String namespace(String flag, Map<String, String> environment, KubernetesClient client) {
        Objects.requireNonNull(environment, "environment");
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        String env = environment.get("NAMESPACE");
        if (env != null && !env.isBlank()) {
            return env;
        }
        String configured = client == null ? null : client.getConfiguration().getNamespace();
        return configured == null || configured.isBlank() ? DEFAULT_NAMESPACE : configured;
    }

    /**
     * A start-up error for {@code failure}, which happened while {@code doing} something: what went
     * wrong and what to check, e.g. missing RBAC or an unreachable API server.
     *
     * @param doing what was being attempted, e.g. {@code "list pods in namespace llm"}
     * @param rbac the permission the attempt needs, e.g. {@code "get, list, watch on pods"}
     */
    static SextantException explain(KubernetesClient client, String doing, String rbac, Throwable failure) {
        Throwable cause = unwrap(failure);
        String server = client.getConfiguration().getMasterUrl();
        String reason;
        if (cause instanceof KubernetesClientException k && k.getCode() == 403) {
            reason = "forbidden: the service account needs RBAC " + rbac + " (see docs/kubernetes.md#rbac)";
        } else if (cause instanceof KubernetesClientException k && k.getCode() == 401) {
            reason = "unauthorized: the credentials were refused (check the kubeconfig or the service account token)";
        } else if (cause instanceof KubernetesClientException k && k.getCode() == 404) {
            reason = "not found: is the resource's CRD installed? (" + k.getMessage() + ")";
        } else if (isUnreachable(cause)) {
            reason = "cannot reach the Kubernetes API server at " + server + ": " + cause
                    + " (inside a cluster the pod's service account is used; outside, KUBECONFIG, ~/.kube/config or"
                    + " --kubeconfig)";
        } else {
            reason = String.valueOf(cause.getMessage() == null ? cause : cause.getMessage());
        }
        return new SextantException("Kubernetes: cannot " + doing + ": " + reason, cause);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof ExecutionException || current instanceof CompletionException
                || (current instanceof KubernetesClientException k && k.getCode() == 0 && k.getStatus() == null))
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isUnreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof HttpTimeoutException) {
                return true;
            }
        }
        return t instanceof IOException;
    }
}
