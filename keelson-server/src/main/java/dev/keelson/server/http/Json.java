package dev.keelson.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The API's one JSON mapper. Request bodies are read strictly: an unknown field is an error (a
 * misspelt {@code "prnue": true} must not start a sync without pruning), as are trailing tokens.
 */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private Json() {}

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not serialisable as JSON: " + value.getClass().getName(), e);
    }
  }

  /** Reads a request body; every failure is the client's, a 400 with a code saying which. */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      try {
        return MAPPER.readValue("{}", type);
      } catch (JsonProcessingException e) {
        throw new ApiError(ErrorCode.invalid_body, "a body is required");
      }
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (UnrecognizedPropertyException e) {
      throw new ApiError(ErrorCode.unknown_field, "unknown field '" + e.getPropertyName() + "'; known: "
          + e.getKnownPropertyIds());
    } catch (JsonParseException e) {
      throw new ApiError(ErrorCode.malformed_json, "malformed JSON: " + e.getOriginalMessage());
    } catch (MismatchedInputException e) {
      throw new ApiError(ErrorCode.invalid_body, "invalid body at " + e.getPathReference() + ": "
          + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ApiError(ErrorCode.invalid_body, "invalid body: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ApiError(ErrorCode.malformed_json, "unreadable body: " + e.getMessage());
    }
  }
}
