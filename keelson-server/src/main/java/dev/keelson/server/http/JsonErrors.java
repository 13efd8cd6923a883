package dev.keelson.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before the router sees the request (a malformed header, an
 * ambiguous path, a request line too long), in the API's JSON form rather than an HTML page. The
 * status stays Jetty's; the code says which kind.
 */
public final class JsonErrors extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
      Callback callback) throws IOException {
    byte[] body = body(status, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(body);
      callback.succeeded();
    } catch (IOException e) {
      callback.failed(e);
    }
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int status, String message) {
    ErrorCode code = status == 404 ? ErrorCode.not_found
        : status == 405 ? ErrorCode.method_not_allowed
        : status >= 500 ? ErrorCode.internal : ErrorCode.bad_request;
    return Json.write(new ErrorBody(code, message == null ? "HTTP " + status : message));
  }
}
