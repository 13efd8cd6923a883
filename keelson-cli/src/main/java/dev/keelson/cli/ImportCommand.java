package dev.keelson.cli;

import dev.keelson.cli.imports.ImportDocuments;
import dev.keelson.cli.imports.ImportOptions;
import dev.keelson.cli.imports.ImportResult;
import dev.keelson.cli.imports.Importer;
import dev.keelson.controller.runtime.ControllerOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keelson import argocd|flux}: another tool's objects as Keelson's. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Convert Argo CD (Application, AppProject, ApplicationSet, cluster and repository Secrets) or Flux"
        + " (GitRepository, Kustomization, HelmRepository, HelmRelease) objects into Keelson objects.",
        "The objects are printed on standard output; every field not carried over is reported on standard"
            + " error as 'warning: KIND/NAMESPACE/NAME: PATH: WHY'."})
final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "argocd|flux", converter = ToolConverter.class,
      description = "The tool whose objects are read.")
  Importer.Tool tool;

  @ArgGroup(multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", required = true,
        description = "A YAML or JSON file, a directory (its *.yaml, *.yml and *.json files, recursively, skipping"
            + " documents that are not Kubernetes objects such as Helm values) or - for standard input; repeatable.")
    List<String> files;

    @Option(names = "--from-cluster", required = true,
        description = "Read the objects from the cluster of the kubeconfig, in all namespaces.")
    boolean fromCluster;
  }

  @Mixin KubeOptions kube;

  @Option(names = {"-o", "--output"}, defaultValue = "yaml", paramLabel = "yaml|json", description = "yaml (documents) or json (a List).")
  String output;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "Namespace of every converted Application, AppProject and ApplicationSet (default: each"
          + " object's own).")
  String namespace;

  @Option(names = "--controller-namespace", paramLabel = "NS", defaultValue = ControllerOptions.DEFAULT_NAMESPACE,
      description = "The controller's namespace, where cluster Secrets go (default: ${DEFAULT-VALUE}).")
  String controllerNamespace;

  static final class ToolConverter implements ITypeConverter<Importer.Tool> {
    @Override
    public Importer.Tool convert(String value) {
      return Importer.Tool.parse(value);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!output.equals("yaml") && !output.equals("json")) {
      System.err.println("error: unknown output format '" + output + "' (yaml or json)");
      return ExitCodes.ERROR;
    }
    List<Map<String, Object>> objects;
    try {
      objects = input.fromCluster ? fromCluster() : fromFiles(input.files);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    ImportResult result = Importer.of(tool).convert(objects, new ImportOptions(namespace, controllerNamespace));
    result.warningLines().forEach(System.err::println);
    print(System.out, result.objects());
    return ExitCodes.OK;
  }

  private List<Map<String, Object>> fromCluster() throws IOException {
    try (KubernetesClient client = kube.client()) {
      return ImportFromCluster.read(client, tool);
    }
  }

  static List<Map<String, Object>> fromFiles(List<String> names) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String name : names) {
      if (name.equals("-")) {
        out.addAll(ImportDocuments.parse("standard input", new String(System.in.readAllBytes(), StandardCharsets.UTF_8)));
        continue;
      }
      Path path = Path.of(name);
      if (Files.isDirectory(path)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
          files = walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
              .filter(p -> !hidden(path.relativize(p))).sorted().toList();
        }
        for (Path f : files) {
          out.addAll(ImportDocuments.parse(f.toString(), Files.readString(f), ImportDocuments.NonObjects.SKIP));
        }
      } else if (Files.isRegularFile(path)) {
        out.addAll(ImportDocuments.parse(name, Files.readString(path)));
      } else {
        throw new IllegalArgumentException(name + ": no such file or directory");
      }
    }
    return out;
  }

  /** A path under a hidden directory (.git) or a hidden file. */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) return true;
    }
    return false;
  }

  private void print(PrintStream out, List<Map<String, Object>> objects) {
    if (output.equals("json")) {
      Map<String, Object> list = new LinkedHashMap<>();
      list.put("apiVersion", "v1");
      list.put("kind", "List");
      list.put("items", objects);
      Output.print(out, "json", list);
      return;
    }
    for (Map<String, Object> o : objects) {
      String yaml = Serialization.asYaml(o);
      out.print(yaml.startsWith("---") ? yaml : "---\n" + yaml);
    }
  }
}
