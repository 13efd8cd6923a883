package dev.keelson.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiAssetsTest {
  @TempDir Path dir;
  UiAssets assets;

  @BeforeEach
  void bundle() throws IOException {
    Path root = dir.resolve("META-INF/keelson-ui");
    Files.createDirectories(root.resolve("assets"));
    Files.writeString(root.resolve("index.html"), "<!doctype html><title>Keelson</title>");
    Files.writeString(root.resolve("assets/index-D8Ozclxq.js"), "console.log(1)");
    Files.writeString(root.resolve("assets/index-XOPCrM6T.css"), "body{}");
    Files.writeString(dir.resolve("META-INF/secret.txt"), "not part of the UI");
    assets = new UiAssets(new URLClassLoader(new URL[] {dir.toUri().toURL()}, null));
  }

  @Test
  void hashedAssetsAreImmutableWithTheirContentType() {
    var js = assets.find("/assets/index-D8Ozclxq.js").orElseThrow();
    assertThat(new String(js.content(), StandardCharsets.UTF_8)).isEqualTo("console.log(1)");
    assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
    assertThat(js.immutable()).isTrue();
    assertThat(js.cacheControl()).contains("immutable");
    assertThat(assets.find("/assets/index-XOPCrM6T.css").orElseThrow().contentType()).startsWith("text/css");
  }

  @Test
  void theRootIsIndexHtmlAndIsRevalidated() {
    var index = assets.find("/").orElseThrow();
    assertThat(index.path()).isEqualTo("index.html");
    assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(index.immutable()).isFalse();
    assertThat(index.cacheControl()).isEqualTo("no-cache");
    assertThat(assets.present()).isTrue();
  }

  @Test
  void pagePathsFallBackToIndexHtmlButMissingFilesDoNot() {
    assertThat(assets.resolve("/applications/apps/web?tab=diff").orElseThrow().path()).isEqualTo("index.html");
    assertThat(assets.resolve("/applications/team%20a/web").orElseThrow().path()).isEqualTo("index.html");
    assertThat(assets.resolve("/login").orElseThrow().path()).isEqualTo("index.html");
    assertThat(assets.resolve("/assets/index-OLDHASH1.js")).isEmpty();
    assertThat(assets.resolve("/favicon.ico")).isEmpty();
  }

  @Test
  void pathsLeavingTheUiDirectoryFindNothing() {
    assertThat(assets.find("/../secret.txt")).isEmpty();
    assertThat(assets.resolve("/assets/../../secret.txt")).isEmpty();
    assertThat(assets.find("/%2e%2e/secret.txt")).isEmpty();
    assertThat(assets.find("/assets//index-D8Ozclxq.js")).isEmpty();
    assertThat(assets.find(null)).isEmpty();
  }

  @Test
  void aJarBuiltWithoutTheBundleSaysSo() {
    assertThat(new UiAssets(new URLClassLoader(new URL[0], null)).present()).isFalse();
  }

  @Test
  void contentTypesAndHashing() {
    assertThat(UiAssets.contentType("x/y.svg")).isEqualTo("image/svg+xml");
    assertThat(UiAssets.contentType("LICENSE")).isEqualTo("application/octet-stream");
    assertThat(UiAssets.isHashed("assets/logo.svg")).isFalse();
    assertThat(UiAssets.isHashed("index-D8Ozclxq.js")).isFalse();
  }
}
