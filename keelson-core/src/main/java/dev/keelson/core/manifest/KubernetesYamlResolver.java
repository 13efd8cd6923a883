package dev.keelson.core.manifest;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML 1.1 implicit typing as SnakeYAML does it, minus base-60 ("sexagesimal") numbers. The
 * Kubernetes YAML loader reads {@code 12:30} as the string "12:30"; SnakeYAML would read it as the
 * integer 750, which silently changes ConfigMap values and cron-like fields.
 */
final class KubernetesYamlResolver extends Resolver {

  private static final Pattern INT_WITHOUT_BASE_60 =
      Pattern.compile(
          "^(?:[-+]?0b_*[0-1][0-1_]*"
              + "|[-+]?0_*[0-7][0-7_]*"
              + "|[-+]?(?:0|[1-9][0-9_]*)"
              + "|[-+]?0x_*[0-9a-fA-F][0-9a-fA-F_]*)$");

  private static final Pattern FLOAT_WITHOUT_BASE_60 =
      Pattern.compile(
          "^([-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
              + "|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)"
              + "|[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
              + "|[-+]?\\.(?:inf|Inf|INF)"
              + "|\\.(?:nan|NaN|NAN))$");

  @Override
  protected void addImplicitResolvers() {
    // Same registrations and order as Resolver#addImplicitResolvers, with the two patterns above.
    addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
    addImplicitResolver(Tag.INT, INT_WITHOUT_BASE_60, "-+0123456789");
    addImplicitResolver(Tag.FLOAT, FLOAT_WITHOUT_BASE_60, "-+0123456789.");
    addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
    addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
    addImplicitResolver(Tag.NULL, EMPTY, null, 10);
    addImplicitResolver(Tag.TIMESTAMP, TIMESTAMP, "0123456789", 50);
    addImplicitResolver(Tag.YAML, YAML, "!&*", 10);
  }
}
