package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoFileWalkerTest {
    @TempDir
    Path root;

    @BeforeEach
    void tree() throws IOException {
        for (String file : List.of("b.go", "a.go", "a_test.go", "_gen.go", ".x.go", "notes.txt", "sub/z.go",
                "sub/vendor/v.go", "vendor/dep/d.go", "vendor/dep/testdata/t.go", "testdata/t.go", "_tools/t.go",
                ".git/x.go", "a/b/c/deep.go", "dir.go/inside.go")) {
            GoTrees.write(root, file, "package p\n");
        }
    }

    private GoFileWalker.Listing list(GoDatasetOptions.Builder options) {
        return GoFileWalker.list(options.build());
    }

    private GoDatasetOptions.Builder options() {
        return GoDatasetOptions.builder(root.resolve("out.jsonl"), List.of(SourceTree.of(root)));
    }

    @Test
    void listsGoFilesInNameOrderAndSkipsLikeTheGoTool() {
        GoFileWalker.Listing listing = list(options());
        assertThat(listing.files()).extracting(GoSourceFile::relativePath)
                .containsExactly("a.go", "b.go", "a/b/c/deep.go", "dir.go/inside.go", "sub/z.go");
        assertThat(listing.skipped()).isEqualTo(Map.of(
                FileSkipReason.TEST_FILE, 1L,
                FileSkipReason.IGNORED_NAME, 2L,
                FileSkipReason.VENDOR, 3L,
                FileSkipReason.TESTDATA, 1L));
        assertThat(listing.problems()).isEmpty();
        assertThat(listing.files().get(0).size()).isEqualTo("package p\n".length());
    }

    @Test
    void includesWhatItIsAskedTo() {
        GoFileWalker.Listing listing = list(options().includeTests(true).includeVendor(true).includeTestdata(true));
        assertThat(listing.files()).extracting(GoSourceFile::relativePath).containsExactly(
                "a.go", "a_test.go", "b.go", "a/b/c/deep.go", "dir.go/inside.go", "sub/z.go", "sub/vendor/v.go",
                "testdata/t.go", "vendor/dep/d.go", "vendor/dep/testdata/t.go");
        assertThat(listing.skipped()).isEqualTo(Map.of(FileSkipReason.IGNORED_NAME, 2L));
    }

    @Test
    void aRootInsideVendorOrNamedUnderscoreIsStillWalked() {
        GoDatasetOptions options = GoDatasetOptions.builder(root.resolve("out.jsonl"),
                List.of(SourceTree.of(root.resolve("vendor/dep")), SourceTree.of(root.resolve("_tools")))).build();
        GoFileWalker.Listing listing = GoFileWalker.list(options);
        assertThat(listing.files()).extracting(GoSourceFile::relativePath, GoSourceFile::tree)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("d.go", 0), org.assertj.core.groups.Tuple.tuple("t.go", 1));
        assertThat(listing.skipped()).isEqualTo(Map.of(FileSkipReason.TESTDATA, 1L));
    }

    @Test
    void symbolicLinksAreNotFollowed() throws IOException {
        try {
            Files.createSymbolicLink(root.resolve("loop"), root);
            Files.createSymbolicLink(root.resolve("link.go"), root.resolve("a.go"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeThat(false).as("symbolic links are not supported here: " + e).isTrue();
        }
        assertThat(list(options()).files()).extracting(GoSourceFile::relativePath)
                .containsExactly("a.go", "b.go", "a/b/c/deep.go", "dir.go/inside.go", "sub/z.go");
    }

    @Test
    void anUnreadableDirectoryIsReportedAndTheWalkGoesOn() throws IOException {
        Path locked = root.resolve("sub");
        assumeThat(locked.toFile().setReadable(false)).isTrue();
        try {
            assumeThat(Files.isReadable(locked)).as("running as root: permissions are not enforced").isFalse();
            GoFileWalker.Listing listing = list(options());
            assertThat(listing.problems()).singleElement().satisfies(p -> {
                assertThat(p.file()).isEqualTo(locked);
                assertThat(p.reason()).isEqualTo(FileSkipReason.UNREADABLE);
            });
            assertThat(listing.files()).extracting(GoSourceFile::relativePath).contains("a.go", "a/b/c/deep.go");
        } finally {
            locked.toFile().setReadable(true);
        }
    }
}
