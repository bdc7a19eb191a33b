package dev.sextant.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceTreeTest {

    @ParameterizedTest
    @CsvSource({
        "/usr/share/go-1.19/src, go-1.19",
        "/usr/share/gocode/src/go.etcd.io/etcd, etcd",
        "/usr/share/gocode/src/go.etcd.io/etcd/, etcd",
        "/work/repo/./src/../kube, kube",
        "/src, src",
        "/, /"
    })
    void treesAreNamedAfterTheirDirectory(String dir, String name) {
        assertThat(SourceTree.of(Path.of(dir)).name()).isEqualTo(name);
    }

    @Test
    void anArgumentCanNameItsTree() {
        assertThat(SourceTree.parse("std=/usr/share/go-1.19/src"))
                .isEqualTo(new SourceTree("std", Path.of("/usr/share/go-1.19/src")));
        assertThat(SourceTree.parse("/usr/share/go-1.19/src"))
                .isEqualTo(new SourceTree("go-1.19", Path.of("/usr/share/go-1.19/src")));
        assertThat(SourceTree.parse("./a=b").root()).isEqualTo(Path.of("./a=b"));
    }

    @Test
    void anExistingDirectoryWithAnEqualsSignIsADirectory(@TempDir Path dir) throws IOException {
        Path odd = Files.createDirectory(dir.resolve("k=v"));
        assertThat(SourceTree.parse(odd.toString())).isEqualTo(new SourceTree("k=v", odd));
    }

    @Test
    void aNameIsNotBlank() {
        assertThatThrownBy(() -> new SourceTree(" ", Path.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name: ' ' (expected: not blank)");
    }
}
