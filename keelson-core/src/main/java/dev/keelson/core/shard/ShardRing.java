package dev.keelson.core.shard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2018): which
 * replica owns which app.
 *
 * <p>Each member has {@link #VIRTUAL_NODES} points on a 64-bit ring; a key belongs to the first
 * member clockwise from its own point that still has room, room being {@code ceil(loadFactor *
 * keys / members)}. Plain consistent hashing moves only the share of a member that joins or
 * leaves, but leaves some members with far more than others; the bound keeps every member within
 * the load factor of the mean, at the price of a few more moves.
 *
 * <p>The result depends only on the sets of members and keys: keys are placed in the order of
 * their points (then of their names), so every replica computing it from the same sets gets the
 * same assignment, with no coordination beyond knowing who is alive.
 */
public final class ShardRing {
  /** Points per member: enough to spread the shares evenly over a few replicas. */
  static final int VIRTUAL_NODES = 128;
  /** Argo CD's and the paper's usual choice: no member takes more than 1.25 times the mean. */
  public static final double DEFAULT_LOAD_FACTOR = 1.25;

  private final NavigableMap<Long, String> ring = new TreeMap<>();
  private final List<String> members;
  private final double loadFactor;

  public ShardRing(Collection<String> members, double loadFactor) {
    if (loadFactor < 1) throw new IllegalArgumentException("load factor below 1: " + loadFactor);
    this.members = List.copyOf(new TreeSet<>(members));
    this.loadFactor = loadFactor;
    for (String m : this.members) {
      for (int i = 0; i < VIRTUAL_NODES; i++) {
        // a collision of two points is settled by name, so it does not depend on insertion order
        ring.merge(point(m + "#" + i), m, (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
  }

  public List<String> members() {
    return members;
  }

  /** The most keys one member takes when there are {@code keys} in all. */
  public int capacity(int keys) {
    if (members.isEmpty()) return 0;
    return (int) Math.ceil(loadFactor * keys / members.size());
  }

  /** Every key's owner; empty when there are no members. */
  public Map<String, String> assign(Collection<String> keys) {
    Map<String, String> owners = new HashMap<>();
    if (members.isEmpty()) return owners;
    List<Entry<Long, String>> placed = new ArrayList<>(keys.size());
    for (String k : new TreeSet<>(keys)) placed.add(Map.entry(point(k), k));
    placed.sort(Comparator.<Entry<Long, String>>comparingLong(Entry::getKey).thenComparing(Entry::getValue));
    int capacity = capacity(placed.size());
    Map<String, Integer> load = new HashMap<>();
    for (Entry<Long, String> key : placed) {
      String owner = firstWithRoom(key.getKey(), load, capacity);
      owners.put(key.getValue(), owner);
      load.merge(owner, 1, Integer::sum);
    }
    return owners;
  }

  private String firstWithRoom(long from, Map<String, Integer> load, int capacity) {
    // capacity * members >= keys, so a member with room is always found within one turn
    for (String m : ring.tailMap(from, true).values()) {
      if (load.getOrDefault(m, 0) < capacity) return m;
    }
    for (String m : ring.headMap(from, false).values()) {
      if (load.getOrDefault(m, 0) < capacity) return m;
    }
    throw new IllegalStateException("no member with room");
  }

  static long point(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(Objects.requireNonNull(s).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
      return v;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
