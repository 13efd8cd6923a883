package dev.keelson.secrets.sops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.keelson.secrets.sops.Node.Branch;
import dev.keelson.secrets.sops.Node.Entry;
import dev.keelson.secrets.sops.Node.Sequence;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON as sops's store reads and writes it: an object at the top, key order kept, integers that fit
 * 64 bits typed int and other numbers float, tab indentation. Jackson tokenizes.
 */
class JsonStore implements Store {
  private static final JsonFactory FACTORY = new JsonFactory();

  @Override
  public MetadataLayout metadataLayout() {
    return MetadataLayout.NESTED;
  }

  @Override
  public List<Branch> load(String file, byte[] content) throws SopsException {
    try (JsonParser p = FACTORY.createParser(content)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new SopsException(file, "sops supports only JSON files with an object at the top");
      }
      Branch b = object(p);
      if (p.nextToken() != null) throw new SopsException(file, "has content after the top-level JSON object");
      return new ArrayList<>(List.of(b));
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the offending token, which may be a value: give the place only
      var loc = e.getLocation();
      throw new SopsException(file, "is not valid JSON" + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new SopsException(file, "could not be read: " + e.getMessage());
    }
  }

  private static Branch object(JsonParser p) throws IOException {
    Branch b = new Branch();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      b.entries.add(new Entry(key, value(p)));
    }
    return b;
  }

  private static Node value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        return object(p);
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(value(p));
        return new Sequence(items);
      }
      case VALUE_STRING:
        return Node.Str.of(p.getText());
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) return new Node.Float(p.getDoubleValue());
        return new Node.Int(p.getLongValue());
      case VALUE_NUMBER_FLOAT:
        return new Node.Float(p.getDoubleValue());
      case VALUE_TRUE:
        return new Node.Bool(true);
      case VALUE_FALSE:
        return new Node.Bool(false);
      case VALUE_NULL:
        return Node.Null.NULL;
      default:
        throw new JsonParseError(p, "unexpected JSON token " + t);
    }
  }

  private static final class JsonParseError extends com.fasterxml.jackson.core.JsonParseException {
    JsonParseError(JsonParser p, String msg) {
      super(p, msg);
    }
  }

  @Override
  public byte[] emit(String file, List<Branch> documents) throws SopsException {
    if (documents.size() != 1) throw new SopsException(file, "JSON holds exactly one document, not " + documents.size());
    StringBuilder out = new StringBuilder();
    value(out, documents.get(0), 0);
    out.append('\n');
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void value(StringBuilder out, Node v, int indent) throws SopsException {
    if (v instanceof Branch b) {
      List<Entry> entries = b.entries.stream().filter(e -> !e.isComment()).toList();
      if (entries.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      for (int i = 0; i < entries.size(); i++) {
        out.append("\t".repeat(indent + 1)).append(string(entries.get(i).key())).append(": ");
        value(out, entries.get(i).value(), indent + 1);
        out.append(i + 1 < entries.size() ? ",\n" : "\n");
      }
      out.append("\t".repeat(indent)).append('}');
    } else if (v instanceof Sequence s) {
      List<Node> items = s.items.stream().filter(i -> !(i instanceof Node.Comment)).toList();
      if (items.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < items.size(); i++) {
        out.append("\t".repeat(indent + 1));
        value(out, items.get(i), indent + 1);
        out.append(i + 1 < items.size() ? ",\n" : "\n");
      }
      out.append("\t".repeat(indent)).append(']');
    } else if (v instanceof Node.Str s) {
      out.append(string(s.text()));
    } else if (v instanceof Node.Int i) {
      out.append(i.value());
    } else if (v instanceof Node.Float f) {
      out.append(number(f.value()));
    } else if (v instanceof Node.Bool b) {
      out.append(b.value());
    } else {
      out.append("null");
    }
  }

  /** Go's encoding/json for a float64: plain between 1e-6 and 1e21, exponent outside. */
  private static String number(double d) throws SopsException {
    if (Double.isNaN(d) || Double.isInfinite(d)) throw new SopsException("JSON", "cannot hold NaN or infinity");
    if (d == 0) return "0";
    double abs = Math.abs(d);
    BigDecimal bd = GoFloat.shortest(d);
    if (abs >= 1e-6 && abs < 1e21) return bd.toPlainString();
    return bd.toString().replace("E+", "e+").replace("E-", "e-");
  }

  static String string(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }
}
