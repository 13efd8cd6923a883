package dev.keelson.server.ui;

import dev.keelson.ui.UiAssets;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the UI bundle for every GET outside {@code /api/} and {@code /auth/} (the single-page
 * app's page paths get index.html); everything else goes to the API's router. The UI is public
 * like any static file: every piece of data it shows comes through the API, which authorises it.
 */
public final class UiHandler extends Handler.Wrapper {
  private final UiAssets assets;

  public UiHandler(Handler api, UiAssets assets) {
    super(api);
    this.assets = assets;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    boolean forUi = ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
        && !path.startsWith("/api/") && !path.equals("/api") && !path.startsWith("/auth/");
    Optional<UiAssets.Asset> asset = forUi && assets.present() ? assets.resolve(path) : Optional.empty();
    if (asset.isEmpty()) return super.handle(request, response, callback);
    UiAssets.Asset a = asset.get();
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, a.cacheControl());
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, String.valueOf(a.content().length));
    boolean head = "HEAD".equals(request.getMethod());
    response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(a.content()), callback);
    return true;
  }
}
