package dev.keelson.core.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A CEL expression compiled once and evaluated many times over JSON-model values (maps, lists,
 * strings, numbers, booleans, null), such as live Kubernetes objects. Every variable is declared
 * as dynamic, so the type checker accepts any field access and the shape is checked at
 * evaluation.
 *
 * <p>Compiled expressions are cached by source and variables; instances are immutable and safe to
 * evaluate from many threads at once.
 */
public final class CelExpression {

  /** Distinct expressions across all applications; each costs a few kilobytes. */
  static final int CACHE_CAPACITY = 1024;

  private static final CompiledCache CACHE = new CompiledCache(CACHE_CAPACITY);

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String source;
  private final Set<String> variables;
  private final CelType resultType;
  private final CelRuntime.Program program;

  private CelExpression(
      String source, Set<String> variables, CelType resultType, CelRuntime.Program program) {
    this.source = source;
    this.variables = variables;
    this.resultType = resultType;
    this.program = program;
  }

  /**
   * Compiles (or takes from the cache) an expression over the given variables.
   *
   * @throws IllegalArgumentException if the expression does not parse or type-check, quoting the
   *     expression and the compiler's error
   */
  public static CelExpression compile(String source, Set<String> variables) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(variables, "variables");
    Set<String> names = Collections.unmodifiableSet(new TreeSet<>(variables));
    for (String name : names) {
      if (!IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("not a CEL variable name: '" + name + "'");
      }
    }
    if (source.isBlank()) {
      throw new IllegalArgumentException("empty CEL expression");
    }
    return CACHE.get(
        new CompiledCache.Key(source, names), () -> compileUncached(source, names));
  }

  /**
   * Like {@link #compile}, and also rejects an expression the type checker already knows cannot
   * be a boolean (such as {@code self.status.replicas + 1} or a string literal). Expressions whose
   * type depends on the data ({@code self.status.ready}) still pass and are checked when
   * evaluated.
   */
  public static CelExpression compileBoolean(String source, Set<String> variables) {
    CelExpression compiled = compile(source, variables);
    CelKind kind = compiled.resultType.kind();
    if (kind != CelKind.BOOL && kind != CelKind.DYN) {
      throw new IllegalArgumentException(
          "CEL expression '"
              + source
              + "' has type "
              + compiled.resultType.name()
              + ", but a bool is needed");
    }
    return compiled;
  }

  private static CelExpression compileUncached(String source, Set<String> variables) {
    CelValidationResult result = CelEnvironment.compiler(variables).compile(source);
    if (result.hasError()) {
      throw new IllegalArgumentException(
          "invalid CEL expression '" + source + "': " + result.getErrorString());
    }
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      return new CelExpression(
          source, variables, ast.getResultType(), CelEnvironment.RUNTIME.createProgram(ast));
    } catch (Exception e) {
      // Planning fails only for functions the runtime lacks, i.e. a mismatch in our environment.
      throw new IllegalArgumentException(
          "invalid CEL expression '" + source + "': " + e.getMessage(), e);
    }
  }

  public String source() {
    return source;
  }

  /** The declared variables, sorted. */
  public Set<String> variables() {
    return variables;
  }

  /**
   * Evaluates to a boolean.
   *
   * @param bindings a value for each variable, as JSON model; Integer and other narrow numbers are
   *     accepted. A declared variable without a binding is null; bindings for undeclared names
   *     are ignored.
   * @throws CelEvaluationException if evaluation fails (a missing field, mismatched types) or
   *     yields anything but a boolean
   */
  public boolean evaluateBoolean(Map<String, ?> bindings) throws CelEvaluationException {
    Object result = evaluate(bindings);
    if (result instanceof Boolean b) {
      return b;
    }
    throw new CelEvaluationException(
        source,
        "CEL expression '" + source + "' evaluated to " + describe(result) + ", not a bool",
        null);
  }

  private Object evaluate(Map<String, ?> bindings) throws CelEvaluationException {
    Objects.requireNonNull(bindings, "bindings");
    Map<String, Object> activation = new HashMap<>(variables.size() * 2);
    for (String name : variables) {
      // Bind every variable: one left out would make cel-java return an "unknown" instead of
      // failing, which reads as neither true nor false.
      activation.put(name, CelValues.toCel(bindings.get(name)));
    }
    try {
      return program.eval(activation);
    } catch (dev.cel.runtime.CelEvaluationException e) {
      throw new CelEvaluationException(
          source, "CEL expression '" + source + "' failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // cel-java lets some internal errors through unwrapped; an expression must never take down
      // the caller's loop.
      throw new CelEvaluationException(
          source, "CEL expression '" + source + "' failed: " + e, e);
    }
  }

  private static String describe(Object value) {
    if (value instanceof Long || value instanceof Integer) {
      return "int " + value;
    }
    if (value instanceof Double) {
      return "double " + value;
    }
    if (value instanceof String s) {
      return "string \"" + s + "\"";
    }
    if (value instanceof Map<?, ?>) {
      return "a map";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof com.google.protobuf.NullValue) {
      return "null";
    }
    if (value instanceof CelUnknownSet) {
      return "an unknown value";
    }
    return value == null ? "null" : "a " + value.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return source;
  }

  /** Number of compiled expressions held, for tests. */
  static int cachedCount() {
    return CACHE.size();
  }
}
