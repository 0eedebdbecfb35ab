package dev.symphony.load.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Finds the largest user count at which a server meets the SLO: doubles from the start value until
 * a step misses (or the maximum is reached), then bisects between the last step that held and the
 * first that missed. Steps are whole rooms.
 */
public final class CapacitySearch {

  /** Runs one step at a user count. */
  @FunctionalInterface
  public interface Step {
    StepOutcome run(int users) throws Exception;
  }

  private CapacitySearch() {}

  public static List<StepOutcome> search(
      int start, double factor, int max, int refineSteps, int usersPerRoom, Step step)
      throws Exception {
    if (factor <= 1) {
      throw new IllegalArgumentException("capacity factor must be above 1");
    }
    List<StepOutcome> steps = new ArrayList<>();
    int users = roundToRooms(Math.min(start, max), usersPerRoom);
    Integer failedAt = null;
    while (true) {
      StepOutcome o = step.run(users);
      steps.add(o);
      if (!o.passed()) {
        failedAt = users;
        break;
      }
      if (users >= max) {
        break;
      }
      users = roundToRooms((int) Math.min(max, Math.ceil(users * factor)), usersPerRoom);
    }
    Optional<Integer> held = largestHeld(steps);
    if (held.isEmpty() || failedAt == null) {
      return steps;
    }
    int lo = held.get();
    int hi = failedAt;
    for (int i = 0; i < refineSteps; i++) {
      int mid = roundToRooms((lo + hi) / 2, usersPerRoom);
      if (mid <= lo || mid >= hi) {
        break;
      }
      StepOutcome o = step.run(mid);
      steps.add(o);
      if (o.passed()) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return steps;
  }

  static int roundToRooms(int users, int usersPerRoom) {
    return Math.max(usersPerRoom, (users / usersPerRoom) * usersPerRoom);
  }

  /** The largest user count that held, provided every smaller step held too. */
  public static Optional<Integer> largestHeld(List<StepOutcome> steps) {
    return largestHeldStep(steps).map(StepOutcome::users);
  }

  public static Optional<StepOutcome> largestHeldStep(List<StepOutcome> steps) {
    List<StepOutcome> sorted =
        steps.stream().sorted(Comparator.comparingInt(StepOutcome::users)).toList();
    StepOutcome best = null;
    for (StepOutcome o : sorted) {
      if (!o.passed()) {
        break;
      }
      best = o;
    }
    return Optional.ofNullable(best);
  }

  /**
   * The largest user count that every search ran and held (with all its own smaller steps held):
   * the load at which their costs compare.
   */
  public static OptionalInt largestHeldByAll(Collection<List<StepOutcome>> searches) {
    Set<Integer> common = null;
    for (List<StepOutcome> steps : searches) {
      int ceiling = largestHeld(steps).orElse(0);
      Set<Integer> held = new HashSet<>();
      steps.stream()
          .filter(o -> o.passed() && o.users() <= ceiling)
          .forEach(o -> held.add(o.users()));
      if (common == null) {
        common = held;
      } else {
        common.retainAll(held);
      }
    }
    return common == null ? OptionalInt.empty() : common.stream().mapToInt(Integer::intValue).max();
  }
}
