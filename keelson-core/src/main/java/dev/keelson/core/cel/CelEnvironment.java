package dev.keelson.core.cel;

import dev.cel.common.CelOptions;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Set;

/**
 * The one CEL environment Keelson offers: the standard library with its macros, plus the
 * extensions Flux enables for its expressions (strings, sets, encoders, optional values), so that
 * expressions written for Flux's {@code healthCheckExprs} mean the same thing here.
 */
final class CelEnvironment {
  private CelEnvironment() {}

  /**
   * Bounds the total work of one evaluation across all macros (all, exists, filter, map), since
   * the expressions come from users and lists in live objects can be long. Generous for any list
   * of conditions or containers, small enough that a nested loop over a huge list stops.
   */
  static final int MAX_ITERATIONS = 100_000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          // JSON numbers arrive as int or double depending on how they were written: 1 and 1.0
          // must compare as numbers do, as with cel-go's CrossTypeNumericComparisons in Flux.
          .enableHeterogeneousNumericComparisons(true)
          .enableOptionalSyntax(true)
          .comprehensionMaxIterations(MAX_ITERATIONS)
          .build();

  /** Shared: the runtime holds no per-evaluation state and is documented as immutable. */
  static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(
              CelExtensions.strings(),
              CelExtensions.sets(OPTIONS),
              CelExtensions.encoders(OPTIONS),
              CelExtensions.optional())
          .build();

  /** A compiler that knows each of the given names as a variable of dynamic (JSON) type. */
  static CelCompiler compiler(Set<String> variables) {
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            // Without this, has(), all(), exists() and friends are unknown functions.
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(
                CelExtensions.strings(),
                CelExtensions.sets(OPTIONS),
                CelExtensions.encoders(OPTIONS),
                CelExtensions.optional());
    for (String name : variables) {
      builder.addVar(name, SimpleType.DYN);
    }
    return builder.build();
  }
}
