package dev.sextant.dataset;

import java.nio.file.Path;

/**
 * A {@code .go} file to read.
 *
 * @param tree the index of its tree in the options
 * @param path where it is
 * @param relativePath its path below the tree's root, with {@code /} separators
 * @param size its size when the tree was walked
 */
record GoSourceFile(int tree, Path path, String relativePath, long size) {}
