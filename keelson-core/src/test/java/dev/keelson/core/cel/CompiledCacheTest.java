package dev.keelson.core.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CompiledCacheTest {

  private final AtomicInteger compilations = new AtomicInteger();

  private static CompiledCache.Key key(String source) {
    return new CompiledCache.Key(source, Set.of("self"));
  }

  /** Compiles source and counts that it did. */
  private Supplier<CelExpression> compiling(String source) {
    return () -> {
      compilations.incrementAndGet();
      return CelExpression.compile(source, Set.of("self"));
    };
  }

  @Test
  void compilesOncePerKey() {
    CompiledCache cache = new CompiledCache(4);
    CelExpression first = cache.get(key("true"), compiling("true"));
    CelExpression again = cache.get(key("true"), compiling("true"));
    assertThat(again).isSameAs(first);
    assertThat(compilations).hasValue(1);
  }

  @Test
  void dropsTheLeastRecentlyUsedBeyondCapacity() {
    CompiledCache cache = new CompiledCache(2);
    CelExpression one = cache.get(key("1 == 1"), compiling("1 == 1"));
    cache.get(key("2 == 2"), compiling("2 == 2"));
    cache.get(key("1 == 1"), compiling("1 == 1")); // used again: "2 == 2" is now the eldest
    cache.get(key("3 == 3"), compiling("3 == 3"));
    assertThat(cache.size()).isEqualTo(2);
    assertThat(compilations).hasValue(3);

    assertThat(cache.get(key("1 == 1"), compiling("1 == 1"))).isSameAs(one);
    assertThat(compilations).hasValue(3);
    cache.get(key("2 == 2"), compiling("2 == 2"));
    assertThat(compilations).hasValue(4);
  }

  @Test
  void failuresAreNotCached() {
    CompiledCache cache = new CompiledCache(2);
    Supplier<CelExpression> failing =
        () -> {
          compilations.incrementAndGet();
          throw new IllegalArgumentException("bad");
        };
    assertThatThrownBy(() -> cache.get(key("bad"), failing))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cache.get(key("bad"), failing))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(compilations).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void keysDifferByVariables() {
    assertThat(new CompiledCache.Key("x", Set.of("a", "b")))
        .isEqualTo(new CompiledCache.Key("x", Set.of("b", "a")))
        .isNotEqualTo(new CompiledCache.Key("x", Set.of("a")));
  }
}
