package dev.keelson.helm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The parts of Chart.yaml / Chart.lock Keelson reads itself; Helm reads the rest. */
record ChartYaml(String name, String version, String type, List<Dependency> dependencies) {

  /** A Chart.yaml {@code dependencies} entry, or a Chart.lock one (then version is exact). */
  record Dependency(String name, String version, String repository) {}

  boolean isLibrary() {
    return "library".equals(type);
  }

  static ChartYaml parse(byte[] chartYaml, String file) throws HelmRenderException {
    Map<?, ?> m = load(chartYaml, file);
    return new ChartYaml(str(m.get("name")), str(m.get("version")), str(m.get("type")), deps(m));
  }

  /** Chart.lock's pinned versions. */
  static List<Dependency> lock(byte[] chartLock, String file) throws HelmRenderException {
    return deps(load(chartLock, file));
  }

  private static Map<?, ?> load(byte[] bytes, String file) throws HelmRenderException {
    Object parsed;
    try {
      parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new HelmRenderException(file, file + ": invalid YAML: " + e.getMessage().strip().replaceAll("\\s*\\n\\s*", " "));
    }
    if (!(parsed instanceof Map<?, ?> m)) {
      throw new HelmRenderException(file, file + ": expected a mapping");
    }
    return m;
  }

  private static List<Dependency> deps(Map<?, ?> m) {
    List<Dependency> out = new ArrayList<>();
    if (m.get("dependencies") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> d && d.get("name") != null) {
          out.add(new Dependency(str(d.get("name")), str(d.get("version")), str(d.get("repository"))));
        }
      }
    }
    return out;
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }
}
