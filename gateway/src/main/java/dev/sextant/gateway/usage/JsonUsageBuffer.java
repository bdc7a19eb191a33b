package dev.sextant.gateway.usage;

import dev.sextant.api.request.Usage;
import java.util.Arrays;

/**
 * Buffers a non-streamed JSON response (up to {@link #MAX_BODY}) and reads its usage once, on the
 * first call to {@link #usage()}. A larger body is not buffered beyond the cap and reports no usage.
 */
public final class JsonUsageBuffer implements UsageCollector {
    /** Bodies larger than this are not inspected. */
    static final int MAX_BODY = 4 << 20;

    private byte[] body = new byte[1024];
    private int length;
    private boolean overflow;
    private Usage usage;

    @Override
    public void accept(byte[] chunk, int offset, int count) {
        if (overflow) {
            return;
        }
        if ((long) length + count > MAX_BODY) {
            overflow = true;
            body = null;
            return;
        }
        if (length + count > body.length) {
            body = Arrays.copyOf(body, Math.max(length + count, Math.min(MAX_BODY, body.length * 2)));
        }
        System.arraycopy(chunk, offset, body, length, count);
        length += count;
        usage = null;
    }

    @Override
    public Usage usage() {
        if (overflow || length == 0) {
            return Usage.NONE;
        }
        if (usage == null) {
            Usage parsed = UsageJson.parse(body, 0, length);
            usage = parsed == null ? Usage.NONE : parsed;
        }
        return usage;
    }
}
