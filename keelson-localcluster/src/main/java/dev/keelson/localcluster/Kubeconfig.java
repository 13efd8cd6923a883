package dev.keelson.localcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;

/** Writes the admin kubeconfig: the CA travels inline so the file works on its own. */
final class Kubeconfig {

  static final String CONTEXT = "keelson-local";

  private Kubeconfig() {
  }

  static void write(Path file, String server, Path caCert, String token) throws IOException {
    String ca = Base64.getEncoder().encodeToString(Files.readAllBytes(caCert));
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
            certificate-authority-data: %3$s
        users:
        - name: %1$s-admin
          user:
            token: %4$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s-admin
            namespace: default
        current-context: %1$s
        """.formatted(CONTEXT, server, ca, token);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
    // rename so a reader never sees a half-written kubeconfig
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
