package dev.sextant.art;

import java.util.Locale;

/**
 * How a tree finds a key byte among the (up to) 16 of a Node16, the node type that dominates dense
 * trees. Chosen once per tree, when it is built; both give identical results.
 *
 * <p>The default is {@link #preferred()}: the system property {@value #PROPERTY} ({@code vector} or
 * {@code scalar}) when set, otherwise {@link #VECTOR} when it is supported, otherwise {@link #SCALAR}.
 */
public enum Node16Search {
    /**
     * One 128-bit SIMD comparison through the Vector API ({@code jdk.incubator.vector}). Needs the JVM
     * to be started with {@code --add-modules jdk.incubator.vector}.
     */
    VECTOR,
    /** A linear scan of the key bytes in plain Java; works everywhere. */
    SCALAR;

    /** The system property that selects the default search at start-up: {@code vector} or {@code scalar}. */
    public static final String PROPERTY = "sextant.art.node16Search";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * Whether this search can run in this JVM: always for SCALAR; for VECTOR, when the module
     * {@code jdk.incubator.vector} is present and the platform compiles 128-bit vectors to SIMD.
     */
    public boolean isSupported() {
        return this == SCALAR || VectorSupport.AVAILABLE;
    }

    /**
     * The search trees use unless told otherwise: the one named by the system property {@value #PROPERTY}
     * if set, else VECTOR if supported, else SCALAR.
     *
     * @throws IllegalStateException if the property names an unknown or unsupported search
     */
    public static Node16Search preferred() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            return VECTOR.isSupported() ? VECTOR : SCALAR;
        }
        Node16Search chosen;
        try {
            chosen = valueOf(configured.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    PROPERTY + ": " + configured + " (expected: vector or scalar)", e);
        }
        if (!chosen.isSupported()) {
            throw new IllegalStateException(chosen.unsupportedMessage(PROPERTY));
        }
        return chosen;
    }

    String unsupportedMessage(String name) {
        return name + ": " + this + " (expected: SCALAR, or VECTOR in a JVM started with --add-modules "
                + VECTOR_MODULE + " on a platform with 128-bit SIMD)";
    }

    /** Holds the detection result, so it runs once and only when asked for. */
    private static final class VectorSupport {
        static final boolean AVAILABLE = detect();

        private static boolean detect() {
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
                return false;
            }
            try {
                return VectorKeySearch.isAccelerated();
            } catch (LinkageError e) {
                return false;
            }
        }
    }
}
