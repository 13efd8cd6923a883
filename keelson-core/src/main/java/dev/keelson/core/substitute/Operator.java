package dev.keelson.core.substitute;

/**
 * The parameter expansions Flux's envsubst ({@code github.com/fluxcd/pkg/envsubst}) parses and
 * evaluates. The forms it rejects or only pretends to support ({@code ${var-x}}, {@code
 * ${var+x}}, {@code ${var?x}}, {@code ${var:+x}}, {@code ${var:?x}}) are refused by the parser.
 */
enum Operator {
  /** {@code ${var}}. */
  VALUE,
  /** {@code ${#var}}: length in characters. */
  LENGTH,
  /** {@code ${var^}}. */
  UPPER_FIRST,
  /** {@code ${var^^}}. */
  UPPER,
  /** {@code ${var,}}. */
  LOWER_FIRST,
  /** {@code ${var,,}}. */
  LOWER,
  /** {@code ${var:offset}} and {@code ${var:offset:length}}. */
  SUBSTRING,
  /** {@code ${var#glob}}. */
  TRIM_SHORTEST_PREFIX,
  /** {@code ${var##glob}}. */
  TRIM_LONGEST_PREFIX,
  /** {@code ${var%glob}}. */
  TRIM_SHORTEST_SUFFIX,
  /** {@code ${var%%glob}}. */
  TRIM_LONGEST_SUFFIX,
  /** {@code ${var/text/replacement}}: the first occurrence. */
  REPLACE_FIRST,
  /** {@code ${var//text/replacement}}: every occurrence. */
  REPLACE_ALL,
  /** {@code ${var/#text/replacement}}: at the start. */
  REPLACE_PREFIX,
  /** {@code ${var/%text/replacement}}: at the end. */
  REPLACE_SUFFIX,
  /**
   * {@code ${var:=default}}, {@code ${var:-default}} and {@code ${var=default}}: Flux gives all
   * three the same meaning, the default when the variable is unset or empty.
   */
  DEFAULT
}
