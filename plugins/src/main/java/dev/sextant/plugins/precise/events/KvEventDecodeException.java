package dev.sextant.plugins.precise.events;

import dev.sextant.api.SextantException;

/** A KV-event payload, or one event in it, is not what REFERENCE §7 describes. */
public final class KvEventDecodeException extends SextantException {
    public KvEventDecodeException(String message) {
        super(message);
    }

    public KvEventDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
