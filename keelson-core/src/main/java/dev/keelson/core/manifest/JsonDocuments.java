package dev.keelson.core.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Reads a JSON file: one object, or several objects one after another (a JSON stream, which kubectl
 * accepts too).
 */
final class JsonDocuments {

  private static final ObjectReader READER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build()
          .readerFor(Object.class);

  private JsonDocuments() {}

  static void read(String origin, String text, DocumentSink sink) throws ManifestException {
    int index = 0;
    try (MappingIterator<Object> values = READER.readValues(text)) {
      while (true) {
        Object value;
        try {
          if (!values.hasNextValue()) {
            return;
          }
          value = values.nextValue();
        } catch (JsonProcessingException e) {
          throw error(origin, index + 1, describe(e));
        }
        if (value == null) {
          continue;
        }
        index++;
        sink.accept(index, JsonModel.normalize(value));
      }
    } catch (JsonProcessingException e) {
      throw error(origin, index + 1, describe(e));
    } catch (IOException e) {
      // Reading from a String does no I/O; this is a parse failure reported through IOException.
      throw error(origin, index + 1, String.valueOf(e.getMessage()));
    } catch (JsonModel.UnsupportedValueException e) {
      throw error(origin, index + 1, e.getMessage());
    }
  }

  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    JsonLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    return message;
  }

  private static ManifestException error(String origin, int index, String message) {
    return new ManifestException(origin, index, origin + ": document " + index + ": " + message);
  }
}
