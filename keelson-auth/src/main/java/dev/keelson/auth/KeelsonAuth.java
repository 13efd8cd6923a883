package dev.keelson.auth;

import dev.keelson.auth.account.AccountStore;
import dev.keelson.auth.account.ApiTokenService;
import dev.keelson.auth.kube.InitialAdmin;
import dev.keelson.auth.kube.KubeAccountStore;
import dev.keelson.auth.kube.OidcWatch;
import dev.keelson.auth.kube.RbacWatch;
import dev.keelson.auth.kube.ServerKey;
import dev.keelson.auth.oidc.OidcLogin;
import dev.keelson.auth.rbac.RbacAuthorizer;
import dev.keelson.auth.rbac.RbacConfig;
import dev.keelson.auth.ratelimit.LoginRateLimiter;
import dev.keelson.auth.session.KeelsonAuthenticator;
import dev.keelson.auth.session.SessionService;
import dev.keelson.auth.session.SessionTokens;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Everything the server mounts, read from the cluster and kept current by informers:
 *
 * <ul>
 *   <li>{@link #authenticator()} and {@link #authorizer()} for every request;
 *   <li>{@link #sessions()}: {@code POST /api/v1/session} and {@code DELETE /api/v1/session};
 *   <li>{@link #oidc()}: {@code GET /auth/login} and {@code GET /auth/callback};
 *   <li>{@link #apiTokens()} and {@link #accounts()} for the account API.
 * </ul>
 *
 * Starting it creates {@code keelson-server-key} and, while admin has no password,
 * {@code keelson-initial-admin}.
 */
public final class KeelsonAuth implements AutoCloseable {
  private final ServerKey key;
  private final KubeAccountStore accounts;
  private final RbacAuthorizer authorizer;
  private final RbacWatch rbacWatch;
  private final OidcWatch oidcWatch;
  private final SessionTokens tokens;
  private final SessionService sessions;
  private final ApiTokenService apiTokens;
  private final KeelsonAuthenticator authenticator;
  private final OidcLogin oidc;

  private KeelsonAuth(KubernetesClient client, AuthOptions options) {
    key = ServerKey.start(client, options.namespace());
    accounts = new KubeAccountStore(client, options.namespace());
    InitialAdmin.ensure(client, options.namespace(), accounts);
    authorizer = new RbacAuthorizer(RbacConfig.empty());
    rbacWatch = RbacWatch.start(client, options.namespace(), authorizer);
    tokens = new SessionTokens(key, options.clock(), options.sessions());
    sessions = new SessionService(accounts, new LoginRateLimiter(options.clock(), options.rateLimits()), tokens);
    apiTokens = new ApiTokenService(accounts, options.clock());
    authenticator = new KeelsonAuthenticator(tokens, apiTokens);
    oidcWatch = OidcWatch.start(client, options.namespace());
    oidc = new OidcLogin(oidcWatch, authorizer::scopes, key, tokens, options.clock());
  }

  public static KeelsonAuth start(KubernetesClient client, AuthOptions options) {
    return new KeelsonAuth(client, options);
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  public Authorizer authorizer() {
    return authorizer;
  }

  /** The authorizer with what else RBAC offers: the OIDC group claims, a refused policy. */
  public RbacAuthorizer rbac() {
    return authorizer;
  }

  public SessionService sessions() {
    return sessions;
  }

  public OidcLogin oidc() {
    return oidc;
  }

  public ApiTokenService apiTokens() {
    return apiTokens;
  }

  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public void close() {
    oidcWatch.close();
    rbacWatch.close();
    accounts.close();
    key.close();
  }
}
