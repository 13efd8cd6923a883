package dev.keelson.core.manifest;

/** Receives the documents of one file in order, so that the first error in the file wins. */
@FunctionalInterface
interface DocumentSink {
  /**
   * @param index 1-based index among the non-empty documents of the file
   * @param value the document as JSON model (never null)
   */
  void accept(int index, Object value) throws ManifestException;
}
