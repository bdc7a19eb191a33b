package dev.sextant.dataset;

/**
 * How far an extraction has come.
 *
 * @param filesDone files handled so far, read or skipped
 * @param filesTotal files to handle
 * @param bytesDone bytes of the files handled so far
 * @param bytesTotal bytes of all files to handle
 * @param pairs pairs kept so far (before any subsampling)
 */
public record Progress(long filesDone, long filesTotal, long bytesDone, long bytesTotal, long pairs) {}
