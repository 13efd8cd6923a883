package dev.keelson.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Source-level adjustments to the chart copy in the workspace, each making helm-java's {@code
 * template} (which runs Helm's install action in client-only dry-run mode) produce what {@code helm
 * template --include-crds --api-versions ...} produces. None of them touches what templates
 * compute; Helm still parses and executes every template.
 *
 * <ul>
 *   <li><b>Hooks.</b> Helm moves objects annotated {@code helm.sh/hook} out of the release manifest,
 *       and helm-java returns only that manifest. Each output template is therefore moved to a
 *       partial next to it ({@code _keelson-src-NAME}) and replaced by a two-line template that
 *       includes it with the annotation's prefix swapped for {@link #SENTINEL}; the prefix is
 *       restored in the output. {@code .Template.Name} and {@code .Template.BasePath} stay those of
 *       the original file, and a file included by another (the checksum idiom) is included
 *       unchanged.
 *   <li><b>CRDs.</b> helm-java has no {@code --include-crds}. Each {@code crds/} file of a chart
 *       gets a template {@code templates/keelson-crds/PATH} printing {@code .Files.Get "crds/PATH"}:
 *       the raw file, as Helm prints it, and only for subcharts Helm enables (conditions, tags).
 *   <li><b>API versions.</b> helm-java has no {@code --api-versions}. A call {@code
 *       .Capabilities.APIVersions.Has "LITERAL"} whose literal is one of the caller's API versions
 *       is replaced by {@code true}; every other call is left to Helm's built-in set. Helm's
 *       answer with {@code --api-versions} is its built-in set plus the given ones, so literal
 *       calls answer exactly as Helm would. Calls with a computed argument see the built-in set only.
 *   <li><b>Release action.</b> helm-java's {@code template} always renders an install. An upgrade
 *       (or rollback) render gets {@code .Release.IsUpgrade} true and {@code .Release.IsInstall}
 *       false through {@link ReleaseFlags}, with its limits.
 * </ul>
 *
 * <p>It also notes whether any template calls {@code lookup}: such a chart's output depends on the
 * cluster's live objects, not only on its inputs, so it must be rendered again each time.
 *
 * <p>Subchart archives in {@code charts/} are unpacked first so that their templates get the same
 * treatment; Helm loads a directory and an archive alike.
 */
final class ChartRewriter {

  /** Stands in for {@code helm.sh/hook} while Helm sorts the output; a reserved TLD, never real. */
  static final String SENTINEL = "keelson-hook-guard.invalid/hook";
  static final String HOOK_PREFIX = "helm.sh/hook";
  static final String SOURCE_PREFIX = "_keelson-src-";
  static final String CRD_TEMPLATES = "keelson-crds";

  /** {@code lookup} as a function name: not a field ({@code .lookup}), a variable or part of a word. */
  private static final Pattern LOOKUP_CALL = Pattern.compile("(?<![\\w.$-])lookup(?![\\w-])");

  private static final Pattern HAS_LITERAL =
      Pattern.compile("\\$?\\.Capabilities\\.APIVersions\\.Has\\s+(?:\"([^\"\\\\]*)\"|`([^`]*)`)");

  private final Set<String> apiVersions;
  private final boolean includeCrds;
  private final ReleaseFlags releaseFlags;
  private String lookupTemplate;
  private Path root;

  ChartRewriter(List<String> apiVersions, boolean includeCrds, boolean upgrade) {
    this.apiVersions = Set.copyOf(apiVersions);
    this.includeCrds = includeCrds;
    this.releaseFlags = new ReleaseFlags(upgrade);
  }

  /** Whether a template of the chart or of a subchart, as rewritten so far, calls {@code lookup}. */
  boolean callsLookup() {
    return lookupTemplate != null;
  }

  /** The first template found calling {@code lookup}, from the top chart's directory; null if none. */
  String lookupTemplate() {
    return lookupTemplate;
  }

  void rewrite(Path chartDir) throws IOException, HelmRenderException {
    if (root == null) root = chartDir;
    expandArchives(chartDir);
    Path chartYaml = chartDir.resolve("Chart.yaml");
    if (!Files.isRegularFile(chartYaml)) {
      return;
    }
    ChartYaml chart = ChartYaml.parse(Files.readAllBytes(chartYaml), chartDir.getFileName() + "/Chart.yaml");
    if (!chart.isLibrary()) {
      Path templates = chartDir.resolve("templates");
      if (Files.isDirectory(templates)) {
        for (Path file : files(templates)) {
          rewriteTemplate(templates, file);
        }
      }
      if (includeCrds) {
        addCrdTemplates(chartDir);
      }
    }
    Path charts = chartDir.resolve("charts");
    if (Files.isDirectory(charts)) {
      try (Stream<Path> list = Files.list(charts)) {
        for (Path sub : list.filter(Files::isDirectory).toList()) {
          rewrite(sub);
        }
      }
    }
  }

  private void rewriteTemplate(Path templates, Path file) throws IOException {
    byte[] original = Files.readAllBytes(file);
    byte[] content = original;
    String text = utf8(original);
    if (text != null) {
      if (lookupTemplate == null && callsLookup(text)) {
        lookupTemplate = root.relativize(file).toString().replace('\\', '/').replace(".keelson-unpacked", "");
      }
      String substituted = releaseFlags.apply(substituteApiVersions(text));
      if (!substituted.equals(text)) {
        content = substituted.getBytes(StandardCharsets.UTF_8);
      }
    }
    String name = file.getFileName().toString();
    if (name.startsWith("_") || name.endsWith("NOTES.txt")) {
      if (content != original) {
        Files.write(file, content);
      }
      return;
    }
    String rel = templates.relativize(file).toString().replace('\\', '/');
    int slash = rel.lastIndexOf('/');
    String srcRel = (slash < 0 ? "" : rel.substring(0, slash + 1)) + SOURCE_PREFIX + name;
    Files.write(file.resolveSibling(SOURCE_PREFIX + name), content);
    Files.writeString(file, wrapper(rel, srcRel), StandardCharsets.UTF_8);
  }

  /** The text, or null if it is not UTF-8: such a file is moved byte for byte, never edited. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  static String wrapper(String rel, String srcRel) {
    return "{{- $self := print .Template.BasePath \"/" + goString(rel) + "\" -}}\n"
        + "{{- $src := print .Template.BasePath \"/" + goString(srcRel) + "\" -}}\n"
        + "{{- if eq .Template.Name $self -}}\n"
        + "{{- include $src . | replace \"" + HOOK_PREFIX + "\" \"" + SENTINEL + "\" -}}\n"
        + "{{- else -}}\n"
        + "{{- include $src . -}}\n"
        + "{{- end -}}";
  }

  private void addCrdTemplates(Path chartDir) throws IOException {
    Path crds = chartDir.resolve("crds");
    if (!Files.isDirectory(crds)) {
      return;
    }
    for (Path file : files(crds)) {
      String rel = crds.relativize(file).toString().replace('\\', '/');
      String lower = rel.toLowerCase();
      // Helm's CRDObjects: only manifest extensions count.
      if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))) {
        continue;
      }
      Path target = chartDir.resolve("templates").resolve(CRD_TEMPLATES).resolve(rel);
      Files.createDirectories(target.getParent());
      Files.writeString(target, "{{ .Files.Get \"crds/" + goString(rel) + "\" }}", StandardCharsets.UTF_8);
    }
  }

  static boolean callsLookup(String text) {
    if (!text.contains("lookup")) {
      return false;
    }
    boolean[] found = {false};
    TemplateActions.map(text, action -> {
      found[0] |= LOOKUP_CALL.matcher(withoutStrings(action)).find();
      return action;
    });
    return found[0];
  }

  /** The action with its string literals blanked, so that {@code "lookup"} in quotes is not a call. */
  private static String withoutStrings(String action) {
    return action.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`", "\"\"");
  }

  /** Replaces literal {@code Has} calls inside template actions only, never in plain text. */
  String substituteApiVersions(String text) {
    if (apiVersions.isEmpty() || !text.contains("APIVersions")) {
      return text;
    }
    return TemplateActions.map(text, action -> {
      Matcher m = HAS_LITERAL.matcher(action);
      StringBuilder replaced = new StringBuilder();
      while (m.find()) {
        String literal = m.group(1) != null ? m.group(1) : m.group(2);
        m.appendReplacement(replaced, Matcher.quoteReplacement(apiVersions.contains(literal) ? "true" : m.group()));
      }
      return m.appendTail(replaced).toString();
    });
  }

  private static void expandArchives(Path chartDir) throws IOException {
    Path charts = chartDir.resolve("charts");
    if (!Files.isDirectory(charts)) {
      return;
    }
    List<Path> archives;
    try (Stream<Path> list = Files.list(charts)) {
      archives = list.filter(p -> p.getFileName().toString().endsWith(".tgz") && Files.isRegularFile(p)).toList();
    }
    for (Path archive : archives) {
      String base = archive.getFileName().toString();
      Path dir = charts.resolve(base.substring(0, base.length() - 4) + ".keelson-unpacked");
      for (Map.Entry<String, byte[]> e : Tgz.read(Files.readAllBytes(archive)).entrySet()) {
        Path out = dir.resolve(e.getKey()).normalize();
        if (out.startsWith(dir)) {
          Files.createDirectories(out.getParent());
          Files.write(out, e.getValue());
        }
      }
      Files.delete(archive);
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static String goString(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
