package dev.keelson.auth.rbac;

import dev.keelson.auth.Action;
import dev.keelson.auth.Authorizer;
import dev.keelson.auth.Resource;
import dev.keelson.auth.Subject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Authorizer the server uses: the policy in force, swapped whole when the ConfigMap changes.
 * A ConfigMap that does not parse leaves the previous policy in force (a typo neither locks
 * everyone out nor drops a deny).
 */
public final class RbacAuthorizer implements Authorizer {
  private static final Logger LOG = LoggerFactory.getLogger(RbacAuthorizer.class);

  private record InForce(RbacPolicy policy, RbacConfig config) {}

  private final AtomicReference<InForce> current;
  private final AtomicReference<Optional<String>> refused = new AtomicReference<>(Optional.empty());

  public RbacAuthorizer(RbacConfig initial) {
    current = new AtomicReference<>(new InForce(RbacPolicy.compile(initial), initial));
  }

  /** @return whether the new policy was taken */
  public boolean update(RbacConfig config) {
    try {
      current.set(new InForce(RbacPolicy.compile(config), config));
      refused.set(Optional.empty());
      return true;
    } catch (PolicyException e) {
      LOG.error("RBAC policy not applied, the previous one stays in force: {}", e.getMessage());
      refused.set(Optional.of(e.getMessage()));
      return false;
    }
  }

  /** Why the latest ConfigMap was not applied, while the one before it stays in force. */
  public Optional<String> refused() {
    return refused.get();
  }

  /** The OIDC claims read as groups, from the ConfigMap's {@code scopes}. */
  public List<String> scopes() {
    return current.get().config().scopes();
  }

  @Override
  public boolean allowed(Subject subject, Resource resource, Action action, String object) {
    return current.get().policy().allowed(subject, resource, action, object);
  }
}
