package dev.keelson.localcluster;

import java.nio.file.Path;

/** Where each file of one control plane lives inside its state directory. */
record StateLayout(Path root) {

  /** Marks a directory as ours, so stale state is only ever wiped from directories we created. */
  Path marker() {
    return root.resolve(".keelson-local-cluster");
  }

  Path kubeconfig() {
    return root.resolve("admin.kubeconfig");
  }

  Path ports() {
    return root.resolve("ports.properties");
  }

  Path tokenFile() {
    return root.resolve("tokens.csv");
  }

  Path pki() {
    return root.resolve("pki");
  }

  Path etcdData() {
    return root.resolve("etcd-data");
  }

  Path pidFile(String component) {
    return root.resolve(component + ".pid");
  }

  Path logFile(String component) {
    return root.resolve(component + ".log");
  }
}
