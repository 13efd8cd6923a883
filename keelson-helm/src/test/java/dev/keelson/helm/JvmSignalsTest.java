package dev.keelson.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Termination signals still stop a process that has used the Helm engine (Go) once. */
class JvmSignalsTest {

  @Test
  void sigtermRunsTheShutdownHooksAfterHelmWasUsed() throws Exception {
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SignalProbe.class.getName()))
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("rendered")) {
        // Helm's own log lines, if any
      }
      assertThat(line).as("the probe rendered its chart").isEqualTo("rendered");
      // SIGTERM as kill sends it (Process.destroy would close the streams this test reads)
      assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("terminated by SIGTERM").isTrue();
      assertThat(p.exitValue()).isEqualTo(128 + 15);
      assertThat(out.readLine()).isEqualTo("shutdown hook ran");
    } finally {
      p.destroyForcibly();
    }
  }
}
