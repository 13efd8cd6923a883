package dev.keelson.controller.notify;

import java.net.URI;
import java.util.Map;

/** One POST a delivery makes; its text form shows neither the address nor the headers (credentials). */
public record OutgoingRequest(URI uri, Map<String, String> headers, byte[] body) {
  public OutgoingRequest {
    headers = Map.copyOf(headers);
  }

  public String bodyText() {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "POST (" + body.length + " bytes)";
  }
}
