package dev.sextant.dataset;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an extraction did.
 *
 * @param filesFound {@code .go} files found in the trees, skipped ones included
 * @param filesRead files whose content was read
 * @param bytesRead the bytes of those files
 * @param filesSkipped files (and unreadable directories) skipped, by reason; only reasons that occurred
 * @param functionsSeen top-level functions and methods found in the files scanned
 * @param pairsPerRepo pairs written per repository name, in the order the trees were given
 * @param dropped functions that gave no pair, by reason; only reasons that occurred
 */
public record ExtractionSummary(
        long filesFound,
        long filesRead,
        long bytesRead,
        Map<FileSkipReason, Long> filesSkipped,
        long functionsSeen,
        Map<String, Long> pairsPerRepo,
        Map<DropReason, Long> dropped) {

    public ExtractionSummary {
        filesSkipped = Map.copyOf(requireNonNull(filesSkipped, "filesSkipped"));
        pairsPerRepo = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(pairsPerRepo, "pairsPerRepo")));
        dropped = Map.copyOf(requireNonNull(dropped, "dropped"));
    }

    /** All pairs written. */
    public long pairsWritten() {
        return pairsPerRepo.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Files skipped for {@code reason}. */
    public long skipped(FileSkipReason reason) {
        return filesSkipped.getOrDefault(reason, 0L);
    }

    /** Functions dropped for {@code reason}. */
    public long dropped(DropReason reason) {
        return dropped.getOrDefault(reason, 0L);
    }
}
