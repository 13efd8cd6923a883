package dev.keelson.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The control-plane processes of a cluster that runs on this machine (the local cluster, the
 * test cluster), found through /proc: the kube-apiserver serving the kubeconfig's port, the etcd
 * it talks to and the kube-controller-manager of the same state directory. Their CPU time shows
 * where a phase's CPU went on a machine whose cores the engine shares with the cluster.
 */
final class ClusterProcesses {
  /** USER_HZ, the unit of /proc/PID/stat times; 100 on every mainstream Linux build. */
  private static final double TICKS_PER_SECOND = 100.0;
  private static final Path PROC = Path.of("/proc");

  private final Map<String, Long> pids;

  private ClusterProcesses(Map<String, Long> pids) {
    this.pids = pids;
  }

  /** Empty when the API server does not run on this machine (or /proc is not readable). */
  static ClusterProcesses find(String masterUrl) {
    Map<String, Long> found = new LinkedHashMap<>();
    try {
      URI uri = URI.create(masterUrl);
      String host = uri.getHost();
      if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost"))) return new ClusterProcesses(found);
      int port = uri.getPort() > 0 ? uri.getPort() : 443;
      List<Proc> procs = processes();
      Optional<Proc> apiserver = procs.stream()
          .filter(p -> p.name().equals("kube-apiserver") && port == intArg(p, "--secure-port", -1)).findFirst();
      if (apiserver.isEmpty()) return new ClusterProcesses(found);
      found.put("kube-apiserver", apiserver.get().pid());
      String etcdServers = arg(apiserver.get(), "--etcd-servers");
      if (etcdServers != null) {
        procs.stream().filter(p -> p.name().equals("etcd"))
            .filter(p -> etcdServers.equals(arg(p, "--listen-client-urls")) || etcdServers.equals(arg(p, "--advertise-client-urls")))
            .findFirst().ifPresent(p -> found.put("etcd", p.pid()));
      }
      String certDir = arg(apiserver.get(), "--cert-dir");
      if (certDir != null) {
        procs.stream().filter(p -> p.name().equals("kube-controller-manager"))
            .filter(p -> {
              String ca = arg(p, "--root-ca-file");
              return ca != null && ca.startsWith(certDir);
            })
            .findFirst().ifPresent(p -> found.put("kube-controller-manager", p.pid()));
      }
    } catch (RuntimeException e) {
      // not Linux, or a process went away while looking: measure nothing
    }
    return new ClusterProcesses(found);
  }

  boolean found() {
    return !pids.isEmpty();
  }

  /** CPU ticks so far, by component, and of the whole machine ({@value #MACHINE}). */
  Map<String, Long> cpuTicks() {
    Map<String, Long> t = new LinkedHashMap<>();
    pids.forEach((name, pid) -> t.put(name, ticks(pid)));
    t.put(MACHINE, machineBusyTicks());
    return t;
  }

  static final String MACHINE = "machine";
  static final String OTHER = "other_processes";

  /**
   * CPU seconds between two readings by component, plus what the rest of the machine used
   * ({@value #OTHER}: every process but this one and the cluster's), which tells whether a
   * phase shared the cores with unrelated work.
   */
  static Map<String, Double> cpuSeconds(Map<String, Long> before, Map<String, Long> after, long ownCpuNanos) {
    Map<String, Double> s = cpuSeconds(before, after);
    Double machine = s.remove(MACHINE);
    if (machine != null) {
      double cluster = s.values().stream().mapToDouble(Double::doubleValue).sum();
      s.put(OTHER, Text.round(Math.max(0, machine - cluster - ownCpuNanos / 1e9), 2));
    }
    return s;
  }

  /** Busy ticks of all CPUs from /proc/stat (user, nice, system, irq, softirq, steal); -1 if unreadable. */
  private static long machineBusyTicks() {
    try {
      String line = Files.readAllLines(PROC.resolve("stat")).get(0);
      String[] f = line.trim().split("\\s+");
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) busy += Long.parseLong(f[i]);
      return busy;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU seconds between two {@link #cpuTicks()} readings, by component. */
  static Map<String, Double> cpuSeconds(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Double> s = new LinkedHashMap<>();
    after.forEach((name, t) -> {
      Long b = before.get(name);
      if (b != null && b >= 0 && t >= 0) s.put(name, Text.round((t - b) / TICKS_PER_SECOND, 2));
    });
    return s;
  }

  private record Proc(long pid, String name, List<String> args) {}

  private static List<Proc> processes() {
    List<Proc> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(PROC)) {
      for (Path d : dirs.toList()) {
        String n = d.getFileName().toString();
        if (!n.chars().allMatch(Character::isDigit)) continue;
        try {
          byte[] raw = Files.readAllBytes(d.resolve("cmdline"));
          if (raw.length == 0) continue;
          List<String> args = List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
          String exe = args.get(0);
          String name = exe.substring(exe.lastIndexOf('/') + 1);
          out.add(new Proc(Long.parseLong(n), name, args));
        } catch (IOException | RuntimeException e) {
          // gone or not ours to read
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  private static String arg(Proc p, String flag) {
    List<String> a = p.args();
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).equals(flag) && i + 1 < a.size()) return a.get(i + 1);
      if (a.get(i).startsWith(flag + "=")) return a.get(i).substring(flag.length() + 1);
    }
    return null;
  }

  private static int intArg(Proc p, String flag, int otherwise) {
    String v = arg(p, flag);
    try {
      return v == null ? otherwise : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** utime + stime of a process, in ticks; -1 when it cannot be read. */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      // the command name is in parentheses and may contain spaces: fields start after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
