package dev.keelson.core.appset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subset of Go's text/template (and of the Sprig functions Argo CD adds) that ApplicationSet
 * templates use. Written here because no maintained Java library implements Go templates; a
 * template using anything outside the subset fails to parse with a message naming it, rather
 * than rendering something else.
 *
 * <p>Supported: text and {@code {{ }}} actions with {@code {{-}} / {@code -}}} trimming; field
 * chains ({@code .a.b}, {@code $.a}, {@code $v.a}); variables ({@code $x := ...}); string,
 * number and boolean literals; pipelines ({@code x | f}); parentheses; {@code if / else if /
 * else / end}, {@code range} over lists and maps (with {@code $i, $v :=}) and {@code with};
 * functions {@code index, default, printf, lower, upper, replace, toJson, quote, trim,
 * trimPrefix, trimSuffix, hasPrefix, hasSuffix, contains, join, len, eq, ne, lt, le, gt, ge,
 * and, or, not, empty}. Options: {@code missingkey=error} (a missing map key fails),
 * {@code missingkey=default|invalid|zero} (it renders {@code <no value>}, as Go does).
 */
public final class GoTemplate {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NO_VALUE = "<no value>";

  private final List<Node> nodes;
  private final boolean missingKeyError;

  private GoTemplate(List<Node> nodes, boolean missingKeyError) {
    this.nodes = nodes;
    this.missingKeyError = missingKeyError;
  }

  /** @throws TemplateException when the text is not a template of the supported subset */
  public static GoTemplate parse(String text, List<String> options) {
    boolean error = false;
    for (String o : options == null ? List.<String>of() : options) {
      switch (o.trim()) {
        case "missingkey=error" -> error = true;
        case "missingkey=default", "missingkey=invalid", "missingkey=zero" -> error = false;
        default -> throw new TemplateException("goTemplateOptions: " + o + " is not supported");
      }
    }
    Parser p = new Parser(text);
    List<Node> nodes = p.list(List.of());
    return new GoTemplate(nodes, error);
  }

  /** @throws TemplateException when evaluation fails (missing key under missingkey=error, bad argument) */
  public String render(Map<String, Object> data) {
    StringBuilder out = new StringBuilder();
    Scope scope = new Scope(null);
    scope.vars.put("$", data);
    exec(nodes, data, scope, out);
    return out.toString();
  }

  // ---- syntax tree

  private sealed interface Node permits Text, Action, If, Range, With, Assign {}

  private record Text(String text) implements Node {}

  private record Action(Pipeline pipe) implements Node {}

  private record Assign(List<String> vars, Pipeline pipe) implements Node {}

  private record If(Pipeline cond, List<Node> then, List<Node> otherwise) implements Node {}

  private record With(Pipeline value, List<Node> then, List<Node> otherwise) implements Node {}

  private record Range(List<String> vars, Pipeline over, List<Node> body, List<Node> otherwise) implements Node {}

  private record Pipeline(List<Cmd> cmds) {}

  /** A command: a function with arguments, or a single operand. */
  private record Cmd(List<Arg> args) {}

  private sealed interface Arg permits Lit, Field, Var, FuncName, Sub {}

  private record Lit(Object value) implements Arg {}

  /** {@code .a.b} on the current value (empty path: the dot itself). */
  private record Field(List<String> path) implements Arg {}

  private record Var(String name, List<String> path) implements Arg {}

  private record FuncName(String name) implements Arg {}

  private record Sub(Pipeline pipe, List<String> path) implements Arg {}

  private static final java.util.Set<String> FUNCS = java.util.Set.of("index", "default", "printf", "lower",
      "upper", "replace", "toJson", "quote", "trim", "trimPrefix", "trimSuffix", "hasPrefix", "hasSuffix",
      "contains", "join", "len", "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "empty");

  // ---- parser

  private static final class Parser {
    private final String src;
    private int pos;
    private List<String> actionTokens;
    private int tok;

    Parser(String src) {
      this.src = src;
    }

    /** Nodes up to one of {@code stops} ("end", "else"), or the end of the text when stops is empty. */
    List<Node> list(List<String> stops) {
      List<Node> out = new ArrayList<>();
      while (true) {
        int open = src.indexOf("{{", pos);
        if (open < 0) {
          if (!stops.isEmpty()) throw new TemplateException("unexpected end of template: missing {{end}}");
          if (pos < src.length()) out.add(new Text(src.substring(pos)));
          pos = src.length();
          return out;
        }
        String text = src.substring(pos, open);
        boolean trimLeft = src.startsWith("{{-", open) && open + 3 < src.length()
            && Character.isWhitespace(src.charAt(open + 3));
        if (trimLeft) text = text.stripTrailing();
        if (!text.isEmpty()) out.add(new Text(text));
        int start = open + (trimLeft ? 3 : 2);
        int close = findClose(start);
        boolean trimRight = close > start && src.charAt(close - 1) == '-' && close - 2 >= start
            && Character.isWhitespace(src.charAt(close - 2));
        String body = src.substring(start, trimRight ? close - 1 : close).trim();
        pos = close + 2;
        if (trimRight) {
          while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
        }
        if (body.startsWith("/*")) continue;
        actionTokens = tokenize(body);
        tok = 0;
        if (actionTokens.isEmpty()) throw new TemplateException("empty action {{}}");
        String first = actionTokens.get(0);
        switch (first) {
          case "end", "else" -> {
            if (!stops.contains(first)) throw new TemplateException("unexpected {{" + first + "}}");
            pendingKeyword = first;
            return out;
          }
          case "if" -> out.add(parseIf());
          case "with" -> out.add(parseWith());
          case "range" -> out.add(parseRange());
          case "define", "template", "block", "break", "continue" ->
              throw new TemplateException("{{" + first + "}} is not supported");
          default -> out.add(parseActionOrAssign());
        }
      }
    }

    private String pendingKeyword;

    private int findClose(int from) {
      int i = from;
      while (i < src.length()) {
        char c = src.charAt(i);
        if (c == '"' || c == '`') {
          int j = i + 1;
          while (j < src.length() && src.charAt(j) != c) {
            if (c == '"' && src.charAt(j) == '\\') j++;
            j++;
          }
          i = j + 1;
          continue;
        }
        if (src.startsWith("}}", i)) return i;
        i++;
      }
      throw new TemplateException("unclosed action: missing }}");
    }

    private Node parseActionOrAssign() {
      List<String> vars = assignedVars();
      Pipeline p = pipeline();
      endOfAction();
      return vars.isEmpty() ? new Action(p) : new Assign(vars, p);
    }

    private List<String> assignedVars() {
      List<String> vars = new ArrayList<>();
      int save = tok;
      while (tok < actionTokens.size() && actionTokens.get(tok).startsWith("$")
          && !actionTokens.get(tok).contains(".")) {
        vars.add(actionTokens.get(tok++));
        if (tok < actionTokens.size() && actionTokens.get(tok).equals(",")) {
          tok++;
          continue;
        }
        if (tok < actionTokens.size() && (actionTokens.get(tok).equals(":=") || actionTokens.get(tok).equals("="))) {
          tok++;
          return vars;
        }
        break;
      }
      tok = save;
      return List.of();
    }

    private Node parseIf() {
      tok++;
      Pipeline cond = pipeline();
      endOfAction();
      List<Node> then = list(List.of("end", "else"));
      List<Node> otherwise = List.of();
      if ("else".equals(takeKeyword())) {
        if (actionTokens.size() > 1 && actionTokens.get(1).equals("if")) {
          tok = 1;
          otherwise = List.of(parseIf());
          return new If(cond, then, otherwise);
        }
        tok = 1;
        endOfAction();
        otherwise = list(List.of("end"));
        takeKeyword();
      }
      return new If(cond, then, otherwise);
    }

    private Node parseWith() {
      tok++;
      Pipeline value = pipeline();
      endOfAction();
      List<Node> then = list(List.of("end", "else"));
      List<Node> otherwise = List.of();
      if ("else".equals(takeKeyword())) {
        tok = 1;
        endOfAction();
        otherwise = list(List.of("end"));
        takeKeyword();
      }
      return new With(value, then, otherwise);
    }

    private Node parseRange() {
      tok++;
      List<String> vars = assignedVars();
      Pipeline over = pipeline();
      endOfAction();
      List<Node> body = list(List.of("end", "else"));
      List<Node> otherwise = List.of();
      if ("else".equals(takeKeyword())) {
        tok = 1;
        endOfAction();
        otherwise = list(List.of("end"));
        takeKeyword();
      }
      return new Range(vars, over, body, otherwise);
    }

    private String takeKeyword() {
      String k = pendingKeyword;
      pendingKeyword = null;
      return k;
    }

    private void endOfAction() {
      if (tok < actionTokens.size()) {
        throw new TemplateException("unexpected " + actionTokens.get(tok) + " in action");
      }
    }

    private Pipeline pipeline() {
      List<Cmd> cmds = new ArrayList<>();
      while (true) {
        List<Arg> args = new ArrayList<>();
        while (tok < actionTokens.size() && !actionTokens.get(tok).equals("|") && !actionTokens.get(tok).equals(")")) {
          args.add(operand());
        }
        if (args.isEmpty()) throw new TemplateException("missing value in pipeline");
        if (args.size() > 1 && !(args.get(0) instanceof FuncName)) {
          throw new TemplateException("can't give arguments to a non-function value");
        }
        cmds.add(new Cmd(args));
        if (tok < actionTokens.size() && actionTokens.get(tok).equals("|")) {
          tok++;
          continue;
        }
        return new Pipeline(cmds);
      }
    }

    private Arg operand() {
      String t = actionTokens.get(tok++);
      if (t.equals("(")) {
        Pipeline p = pipeline();
        if (tok >= actionTokens.size() || !actionTokens.get(tok).equals(")")) throw new TemplateException("missing )");
        tok++;
        List<String> path = List.of();
        if (tok < actionTokens.size() && actionTokens.get(tok).startsWith(".") && actionTokens.get(tok).length() > 1) {
          path = fieldPath(actionTokens.get(tok++));
        }
        return new Sub(p, path);
      }
      if (t.startsWith("\"")) return new Lit(unquote(t));
      if (t.startsWith("`")) return new Lit(t.substring(1, t.length() - 1));
      if (t.equals("true") || t.equals("false")) return new Lit(Boolean.parseBoolean(t));
      if (t.equals("nil")) return new Lit(null);
      if (t.matches("-?[0-9][0-9_]*")) return new Lit(Long.parseLong(t.replace("_", "")));
      if (t.matches("-?[0-9]+\\.[0-9]+")) return new Lit(Double.parseDouble(t));
      if (t.startsWith(".")) return new Field(t.equals(".") ? List.of() : fieldPath(t));
      if (t.startsWith("$")) {
        int dot = t.indexOf('.');
        return dot < 0 ? new Var(t, List.of()) : new Var(t.substring(0, dot), fieldPath(t.substring(dot)));
      }
      if (t.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        if (!FUNCS.contains(t)) throw new TemplateException("function \"" + t + "\" is not supported");
        return new FuncName(t);
      }
      throw new TemplateException("unexpected " + t + " in action");
    }

    private static List<String> fieldPath(String t) {
      List<String> path = new ArrayList<>();
      for (String s : t.substring(1).split("\\.", -1)) {
        if (s.isEmpty()) throw new TemplateException("bad field " + t);
        path.add(s);
      }
      return path;
    }

    private static String unquote(String t) {
      try {
        return JSON.readValue(t, String.class);
      } catch (JsonProcessingException e) {
        throw new TemplateException("bad string " + t);
      }
    }

    private static List<String> tokenize(String s) {
      List<String> out = new ArrayList<>();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '"' || c == '`') {
          int j = i + 1;
          while (j < s.length() && s.charAt(j) != c) {
            if (c == '"' && s.charAt(j) == '\\') j++;
            j++;
          }
          if (j >= s.length()) throw new TemplateException("unterminated string");
          out.add(s.substring(i, j + 1));
          i = j + 1;
        } else if (c == '(' || c == ')' || c == '|' || c == ',') {
          out.add(String.valueOf(c));
          i++;
        } else if (s.startsWith(":=", i)) {
          out.add(":=");
          i += 2;
        } else if (c == '=') {
          out.add("=");
          i++;
        } else {
          int j = i;
          while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "()|,\"`".indexOf(s.charAt(j)) < 0
              && !s.startsWith(":=", j)) {
            j++;
          }
          out.add(s.substring(i, j));
          i = j;
        }
      }
      return out;
    }
  }

  // ---- evaluation

  private static final class Scope {
    final Scope parent;
    final Map<String, Object> vars = new java.util.HashMap<>();

    Scope(Scope parent) {
      this.parent = parent;
    }

    Object get(String name) {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.vars.containsKey(name)) return s.vars.get(name);
      }
      throw new TemplateException("undefined variable " + name);
    }

    void set(String name, Object value) {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.vars.containsKey(name)) {
          s.vars.put(name, value);
          return;
        }
      }
      vars.put(name, value);
    }
  }

  private void exec(List<Node> list, Object dot, Scope scope, StringBuilder out) {
    for (Node n : list) {
      if (n instanceof Text t) {
        out.append(t.text());
      } else if (n instanceof Action a) {
        out.append(print(eval(a.pipe(), dot, scope)));
      } else if (n instanceof Assign a) {
        scope.set(a.vars().get(a.vars().size() - 1), eval(a.pipe(), dot, scope));
      } else if (n instanceof If i) {
        exec(truth(eval(i.cond(), dot, scope)) ? i.then() : i.otherwise(), dot, new Scope(scope), out);
      } else if (n instanceof With w) {
        Object v = eval(w.value(), dot, scope);
        if (truth(v)) exec(w.then(), v, new Scope(scope), out);
        else exec(w.otherwise(), dot, new Scope(scope), out);
      } else if (n instanceof Range r) {
        range(r, dot, scope, out);
      }
    }
  }

  private void range(Range r, Object dot, Scope scope, StringBuilder out) {
    Object over = eval(r.over(), dot, scope);
    List<Map.Entry<Object, Object>> items = new ArrayList<>();
    if (over instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) items.add(Map.entry(i, nullSafe(l.get(i))));
    } else if (over instanceof Map<?, ?> m) {
      new TreeMap<>(stringKeys(m)).forEach((k, v) -> items.add(Map.entry(k, nullSafe(v))));
    } else if (over instanceof Long n) {
      for (long i = 0; i < n; i++) items.add(Map.entry(i, i));
    } else if (over != null) {
      throw new TemplateException("range can't iterate over " + over);
    }
    if (items.isEmpty()) {
      exec(r.otherwise(), dot, new Scope(scope), out);
      return;
    }
    for (Map.Entry<Object, Object> e : items) {
      Scope s = new Scope(scope);
      Object value = e.getValue() == NULL ? null : e.getValue();
      if (r.vars().size() == 1) s.vars.put(r.vars().get(0), value);
      if (r.vars().size() == 2) {
        s.vars.put(r.vars().get(0), e.getKey());
        s.vars.put(r.vars().get(1), value);
      }
      exec(r.body(), value, s, out);
    }
  }

  private static final Object NULL = new Object();

  private static Object nullSafe(Object o) {
    return o == null ? NULL : o;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private Object eval(Pipeline p, Object dot, Scope scope) {
    Object value = null;
    boolean first = true;
    for (Cmd c : p.cmds()) {
      List<Arg> args = c.args();
      if (args.get(0) instanceof FuncName f) {
        List<Object> vals = new ArrayList<>();
        for (Arg a : args.subList(1, args.size())) vals.add(arg(a, dot, scope));
        if (!first) vals.add(value);
        value = call(f.name(), vals);
      } else {
        if (!first) throw new TemplateException("can't pipe into a non-function value");
        value = arg(args.get(0), dot, scope);
      }
      first = false;
    }
    return value;
  }

  private Object arg(Arg a, Object dot, Scope scope) {
    if (a instanceof Lit l) return l.value();
    if (a instanceof Field f) return walk(dot, f.path());
    if (a instanceof Var v) return walk(scope.get(v.name()), v.path());
    if (a instanceof Sub s) return walk(eval(s.pipe(), dot, scope), s.path());
    return call(((FuncName) a).name(), List.of());
  }

  private Object walk(Object from, List<String> path) {
    Object cur = from;
    for (String key : path) {
      if (cur instanceof Map<?, ?> m) {
        if (!m.containsKey(key)) {
          if (missingKeyError) throw new TemplateException("map has no entry for key \"" + key + "\"");
          return null;
        }
        cur = m.get(key);
      } else if (cur == null) {
        if (missingKeyError) throw new TemplateException("nil pointer evaluating ." + key);
        return null;
      } else {
        throw new TemplateException("can't evaluate field " + key + " in " + typeName(cur));
      }
    }
    return cur;
  }

  private Object call(String name, List<Object> a) {
    return switch (name) {
      case "index" -> {
        need(name, a, 1, Integer.MAX_VALUE);
        Object cur = a.get(0);
        for (Object k : a.subList(1, a.size())) {
          if (cur instanceof Map<?, ?> m) {
            String key = String.valueOf(k);
            if (!m.containsKey(key) && missingKeyError) {
              throw new TemplateException("map has no entry for key \"" + key + "\"");
            }
            cur = m.get(key);
          } else if (cur instanceof List<?> l && k instanceof Number n) {
            int i = n.intValue();
            if (i < 0 || i >= l.size()) throw new TemplateException("index out of range: " + i);
            cur = l.get(i);
          } else {
            throw new TemplateException("can't index " + typeName(cur) + " with " + k);
          }
        }
        yield cur;
      }
      case "default" -> {
        need(name, a, 1, 2);
        yield a.size() < 2 || empty(a.get(1)) ? a.get(0) : a.get(1);
      }
      case "printf" -> {
        need(name, a, 1, Integer.MAX_VALUE);
        yield printf(String.valueOf(a.get(0)), a.subList(1, a.size()));
      }
      case "lower" -> str(name, a).toLowerCase(Locale.ROOT);
      case "upper" -> str(name, a).toUpperCase(Locale.ROOT);
      case "trim" -> str(name, a).strip();
      case "quote" -> {
        need(name, a, 1, 1);
        yield toJson(print(a.get(0)));
      }
      case "replace" -> {
        need(name, a, 3, 3);
        yield print(a.get(2)).replace(print(a.get(0)), print(a.get(1)));
      }
      case "trimPrefix", "trimSuffix", "hasPrefix", "hasSuffix", "contains" -> {
        need(name, a, 2, 2);
        String x = print(a.get(0));
        String s = print(a.get(1));
        yield switch (name) {
          case "trimPrefix" -> s.startsWith(x) ? s.substring(x.length()) : s;
          case "trimSuffix" -> s.endsWith(x) ? s.substring(0, s.length() - x.length()) : s;
          case "hasPrefix" -> s.startsWith(x);
          case "hasSuffix" -> s.endsWith(x);
          default -> s.contains(x);
        };
      }
      case "join" -> {
        need(name, a, 2, 2);
        if (!(a.get(1) instanceof Collection<?> c)) throw new TemplateException("join: not a list");
        List<String> parts = new ArrayList<>();
        for (Object o : c) parts.add(print(o));
        yield String.join(print(a.get(0)), parts);
      }
      case "toJson" -> {
        need(name, a, 1, 1);
        yield toJson(a.get(0));
      }
      case "len" -> {
        need(name, a, 1, 1);
        Object v = a.get(0);
        if (v instanceof Collection<?> c) yield (long) c.size();
        if (v instanceof Map<?, ?> m) yield (long) m.size();
        if (v instanceof String s) yield (long) s.length();
        throw new TemplateException("len of " + typeName(v));
      }
      case "eq" -> {
        need(name, a, 2, Integer.MAX_VALUE);
        boolean any = false;
        for (Object o : a.subList(1, a.size())) any |= same(a.get(0), o);
        yield any;
      }
      case "ne" -> {
        need(name, a, 2, 2);
        yield !same(a.get(0), a.get(1));
      }
      case "lt", "le", "gt", "ge" -> {
        need(name, a, 2, 2);
        int c = compare(a.get(0), a.get(1));
        yield switch (name) {
          case "lt" -> c < 0;
          case "le" -> c <= 0;
          case "gt" -> c > 0;
          default -> c >= 0;
        };
      }
      case "and" -> {
        need(name, a, 1, Integer.MAX_VALUE);
        Object last = null;
        for (Object o : a) {
          last = o;
          if (!truth(o)) break;
        }
        yield last;
      }
      case "or" -> {
        need(name, a, 1, Integer.MAX_VALUE);
        Object last = null;
        for (Object o : a) {
          last = o;
          if (truth(o)) break;
        }
        yield last;
      }
      case "not" -> {
        need(name, a, 1, 1);
        yield !truth(a.get(0));
      }
      case "empty" -> {
        need(name, a, 1, 1);
        yield empty(a.get(0));
      }
      default -> throw new TemplateException("function \"" + name + "\" is not supported");
    };
  }

  private static void need(String f, List<Object> a, int min, int max) {
    if (a.size() < min || a.size() > max) {
      throw new TemplateException("wrong number of arguments for " + f + ": " + a.size());
    }
  }

  private static String str(String f, List<Object> a) {
    need(f, a, 1, 1);
    return print(a.get(0));
  }

  /** Go's fmt verbs used in templates: %s %d %v %q %%, with widths passed through to Java. */
  private static String printf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int ai = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int j = i + 1;
      while (j < format.length() && "0123456789-+. #".indexOf(format.charAt(j)) >= 0) j++;
      if (j >= format.length()) throw new TemplateException("printf: bad format " + format);
      char verb = format.charAt(j);
      String flags = format.substring(i + 1, j);
      if (verb == '%') {
        out.append('%');
      } else {
        if (ai >= args.size()) {
          out.append("%!").append(verb).append("(MISSING)");
        } else {
          Object v = args.get(ai++);
          out.append(switch (verb) {
            case 's', 'v' -> String.format("%" + flags + "s", print(v));
            case 'd' -> String.format("%" + flags + "d", toLong(v));
            case 'q' -> toJson(print(v));
            case 'f' -> String.format("%" + flags + "f", toDouble(v));
            case 't' -> String.valueOf(truth(v));
            default -> throw new TemplateException("printf: verb %" + verb + " is not supported");
          });
        }
      }
      i = j;
    }
    return out.toString();
  }

  private static long toLong(Object v) {
    if (v instanceof Number n) return n.longValue();
    try {
      return Long.parseLong(String.valueOf(v));
    } catch (NumberFormatException e) {
      throw new TemplateException("printf: %d of " + v);
    }
  }

  private static double toDouble(Object v) {
    if (v instanceof Number n) return n.doubleValue();
    try {
      return Double.parseDouble(String.valueOf(v));
    } catch (NumberFormatException e) {
      throw new TemplateException("printf: %f of " + v);
    }
  }

  private static boolean same(Object x, Object y) {
    if (x instanceof Number a && y instanceof Number b) return a.doubleValue() == b.doubleValue();
    return java.util.Objects.equals(x, y);
  }

  private static int compare(Object x, Object y) {
    if (x instanceof Number a && y instanceof Number b) return Double.compare(a.doubleValue(), b.doubleValue());
    if (x instanceof String a && y instanceof String b) return a.compareTo(b);
    throw new TemplateException("incompatible types for comparison: " + typeName(x) + ", " + typeName(y));
  }

  static boolean empty(Object v) {
    return !truth(v);
  }

  private static boolean truth(Object v) {
    if (v == null) return false;
    if (v instanceof Boolean b) return b;
    if (v instanceof String s) return !s.isEmpty();
    if (v instanceof Number n) return n.doubleValue() != 0;
    if (v instanceof Collection<?> c) return !c.isEmpty();
    if (v instanceof Map<?, ?> m) return !m.isEmpty();
    return true;
  }

  private static String print(Object v) {
    if (v == null) return NO_VALUE;
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) return String.valueOf(d.longValue());
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      for (Object o : l) parts.add(print(o));
      return "[" + String.join(" ", parts) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      new TreeMap<>(stringKeys(m)).forEach((k, x) -> parts.add(k + ":" + print(x)));
      return "map[" + String.join(" ", parts) + "]";
    }
    return String.valueOf(v);
  }

  private static String toJson(Object v) {
    try {
      return JSON.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      throw new TemplateException("toJson: " + e.getOriginalMessage());
    }
  }

  private static String typeName(Object v) {
    if (v == null) return "nil";
    if (v instanceof Map) return "map";
    if (v instanceof List) return "list";
    if (v instanceof String) return "string";
    if (v instanceof Number) return "number";
    if (v instanceof Boolean) return "bool";
    return v.getClass().getSimpleName();
  }
}
