package dev.keelson.controller.shard;

import java.time.Duration;
import java.util.Objects;

/**
 * How Applications are shared between controller replicas.
 *
 * @param mode off (one active replica, the others standby by leader election), by Leases, or
 *     static (a fixed count, each replica told its number)
 * @param id this replica: its Lease is {@code keelson-shard-<id>}; in static mode its number
 * @param count the number of replicas in static mode; 0 otherwise
 * @param leaseDuration how long a replica that stopped renewing still counts as alive
 * @param renewPeriod how often a replica renews its Lease and reads the others'
 */
public record ShardOptions(Mode mode, String id, int count, Duration leaseDuration, Duration renewPeriod) {
  public enum Mode { OFF, LEASES, STATIC }

  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
  public static final Duration DEFAULT_RENEW_PERIOD = Duration.ofSeconds(3);
  public static final String LEASE_PREFIX = "keelson-shard-";

  public ShardOptions {
    Objects.requireNonNull(mode, "mode");
    if (mode != Mode.OFF) {
      if (id == null || !id.matches("[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?")) {
        throw new IllegalArgumentException("shard id must be a DNS label of at most 50 characters: " + id);
      }
      if (renewPeriod.compareTo(leaseDuration) >= 0) {
        throw new IllegalArgumentException("the renew period must be shorter than the lease duration");
      }
    }
    if (mode == Mode.STATIC) {
      int k;
      try {
        k = Integer.parseInt(id);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--shard-id must be a number from 0 to " + (count - 1) + " with --shards: " + id);
      }
      if (count < 1 || k < 0 || k >= count) {
        throw new IllegalArgumentException("--shard-id must be from 0 to " + (count - 1) + ": " + id);
      }
    }
  }

  public static ShardOptions off() {
    return new ShardOptions(Mode.OFF, null, 0, DEFAULT_LEASE_DURATION, DEFAULT_RENEW_PERIOD);
  }

  public static ShardOptions leases(String id) {
    return new ShardOptions(Mode.LEASES, id, 0, DEFAULT_LEASE_DURATION, DEFAULT_RENEW_PERIOD);
  }

  public static ShardOptions fixed(int count, int id) {
    return new ShardOptions(Mode.STATIC, Integer.toString(id), count, DEFAULT_LEASE_DURATION, DEFAULT_RENEW_PERIOD);
  }

  public ShardOptions withTiming(Duration duration, Duration renew) {
    return new ShardOptions(mode, id, count, duration, renew);
  }

  public boolean enabled() {
    return mode != Mode.OFF;
  }

  public String leaseName() {
    return LEASE_PREFIX + id;
  }
}
