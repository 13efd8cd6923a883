package dev.keelson.secrets.sops;

import dev.keelson.secrets.sops.Node.Branch;
import dev.keelson.secrets.sops.Node.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * Any other file: sops encrypts the whole content as one string under {@code data} and stores it
 * in a JSON envelope. The clear content is bytes, never re-encoded.
 */
final class BinaryStore extends JsonStore {
  static final String DATA = "data";

  /** The clear file is one value; the encrypted one is JSON. */
  List<Branch> loadPlain(byte[] content) {
    Branch b = new Branch();
    b.entries.add(new Entry(DATA, new Node.Str(content)));
    return new ArrayList<>(List.of(b));
  }

  byte[] emitPlain(String file, List<Branch> documents) throws SopsException {
    if (documents.size() == 1 && documents.get(0).get(DATA) instanceof Node.Str s) return s.bytes();
    throw new SopsException(file, "the binary file's envelope has no 'data' string");
  }
}
