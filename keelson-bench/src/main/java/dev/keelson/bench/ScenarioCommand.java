package dev.keelson.bench;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A benchmark scenario as a command: its own options plus {@link BenchOptions}; the run itself,
 * its time bound, its cleanup and its output are {@link BenchRunner}'s.
 */
public abstract class ScenarioCommand implements Callable<Integer> {
  @Mixin BenchOptions bench;

  @Spec CommandSpec spec;

  /** The scenario's name as written on the command line. */
  abstract String name();

  /**
   * The parameters of this run, validated, as they appear in the result.
   *
   * @throws IllegalArgumentException naming the option when a value is unusable
   */
  abstract Map<String, Object> parameters();

  /** Runs the scenario and adds its figures to {@code result}. */
  abstract void run(BenchContext ctx, Map<String, Object> result) throws Exception;

  @Override
  public Integer call() {
    return BenchRunner.run(this, bench, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
