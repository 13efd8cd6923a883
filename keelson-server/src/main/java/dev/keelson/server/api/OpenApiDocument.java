package dev.keelson.server.api;

import dev.keelson.server.http.Access;
import dev.keelson.server.http.Method;
import dev.keelson.server.http.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** {@code GET /api/v1/openapi.json}: the API's description, public like any API reference. */
public final class OpenApiDocument {
  private final byte[] document;

  public OpenApiDocument() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream("/dev/keelson/server/openapi.json")) {
      if (in == null) throw new IllegalStateException("openapi.json is missing from the build");
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void register(Routes routes) {
    routes.add(Method.GET, "/api/v1/openapi.json", Access.PUBLIC, ex -> {
      try (OutputStream out = ex.stream("application/json")) {
        out.write(document);
      }
    });
  }
}
