package dev.sextant.bench.workload;

import dev.sextant.api.SextantException;

/** A workload definition or trace that cannot be used; the message names the file, line or field. */
public final class WorkloadException extends SextantException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message a user can act on. */
    public WorkloadException(String message) {
        super(message);
    }

    /** An exception with a message a user can act on and its cause. */
    public WorkloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
