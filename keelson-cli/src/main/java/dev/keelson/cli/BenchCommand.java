package dev.keelson.cli;

import dev.keelson.bench.AppSetBench;
import dev.keelson.bench.ColdStartBench;
import dev.keelson.bench.CommitBench;
import dev.keelson.bench.DriftBench;
import dev.keelson.bench.GitBench;
import dev.keelson.bench.ImagesBench;
import dev.keelson.bench.PlanBench;
import dev.keelson.bench.ShardsBench;
import dev.keelson.bench.SteadyStateBench;
import dev.keelson.bench.UiBench;
import picocli.CommandLine.Command;

/** `keelson bench SCENARIO`: the benchmarks of docs/benchmarks.md, with the engine in this process. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
      "Benchmark the engine against a real cluster (default: the local cluster) with the engine in this process."
          + " Each scenario creates its own Git repositories and namespaces, removes them afterwards, shows progress on"
          + " stderr and prints its result as one JSON object on the last line of stdout.",
      "Exit code: 0 on success, 2 on error or timeout."},
    subcommands = {
      ColdStartBench.class,
      SteadyStateBench.class,
      DriftBench.class,
      CommitBench.class,
      GitBench.class,
      AppSetBench.class,
      PlanBench.class,
      UiBench.class,
      ImagesBench.class,
      ShardsBench.class
    })
final class BenchCommand {}
