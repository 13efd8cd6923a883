package dev.keelson.controller.engine;

import dev.keelson.controller.app.PostBuildSettings;
import dev.keelson.controller.app.PostBuildSettings.VariableRef;
import dev.keelson.core.model.Manifest;
import dev.keelson.core.substitute.Substitution;
import dev.keelson.core.substitute.SubstitutionException;
import dev.keelson.core.substitute.SubstitutionOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Post-build substitution, between rendering and {@link ObjectPreparer}: the variables are read
 * (ConfigMaps and Secrets of {@code substituteFrom} in order, later ones overriding earlier ones,
 * then {@code substitute} over all, as in Flux) and put into the rendered objects.
 *
 * <p>Values never appear in a message: they may come from Secrets. Only names of variables and
 * of the objects holding them do.
 */
public final class Substituter {
  private final VariableSource source;

  public Substituter(VariableSource source) {
    this.source = source;
  }

  /**
   * The variables of one reconcile.
   *
   * @param digest over names and values: ConfigMaps and Secrets change without a commit, and a
   *     change must render again. Kept in memory only.
   */
  public record Variables(SubstitutionOptions options, String digest) {}

  /** @param settings null without {@code spec.postBuild}: then there is nothing to read */
  public Optional<Variables> resolve(String namespace, PostBuildSettings settings) throws ReconcileFailure {
    if (settings == null) {
      return Optional.empty();
    }
    Map<String, String> values = new HashMap<>();
    for (VariableRef ref : settings.substituteFrom()) {
      Optional<Map<String, String>> data = source.read(namespace, ref, "postBuild.substituteFrom", FailureReason.SubstitutionFailed);
      if (data.isEmpty()) {
        if (ref.optional()) {
          continue;
        }
        throw new ReconcileFailure(FailureReason.SubstitutionFailed,
            "postBuild.substituteFrom: " + ref + " not found in namespace " + namespace, true);
      }
      for (Map.Entry<String, String> e : data.get().entrySet()) {
        if (!SubstitutionOptions.VARIABLE_NAME.matcher(e.getKey()).matches()) {
          // Flux refuses such keys too: they could never be used, and a typo would go unnoticed.
          throw new ReconcileFailure(FailureReason.SubstitutionFailed,
              "postBuild.substituteFrom: " + ref + ": key \"" + e.getKey() + "\" is not a valid variable name"
                  + " (must match " + SubstitutionOptions.VARIABLE_NAME.pattern() + ")");
        }
        values.put(e.getKey(), e.getValue());
      }
    }
    values.putAll(settings.substitute());
    SubstitutionOptions options = new SubstitutionOptions(values, settings.strict());
    return Optional.of(new Variables(options, digest(options)));
  }

  /** The rendered objects with the variables put in; a failure names file, object and variable. */
  public List<Manifest> apply(Variables variables, List<Manifest> rendered, String revision) throws ReconcileFailure {
    try {
      return new Substitution(variables.options()).apply(rendered);
    } catch (SubstitutionException e) {
      throw new ReconcileFailure(FailureReason.SubstitutionFailed,
          "revision " + DesiredStateBuilder.shortSha(revision) + ": " + e.getMessage());
    }
  }

  private static String digest(SubstitutionOptions options) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update(options.strict() ? (byte) 1 : (byte) 0);
    for (Map.Entry<String, String> e : new TreeMap<>(options.variables()).entrySet()) {
      // length-prefixed, so that no two different sets of variables feed the same bytes
      update(sha, e.getKey());
      update(sha, e.getValue());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    sha.update(bytes);
  }
}
