package dev.symphony.yjs.interop;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs engine code with a time limit, so one scenario that sends the engine into an endless loop is
 * reported as such instead of hanging the build. The stuck thread is abandoned (daemon).
 */
final class Guard implements AutoCloseable {
  private final Duration limit;
  private ExecutorService executor;

  Guard(Duration limit) {
    this.limit = limit;
    this.executor = newExecutor();
  }

  private static ExecutorService newExecutor() {
    return Executors.newSingleThreadExecutor(
        r -> Thread.ofPlatform().daemon().name("engine-under-test").unstarted(r));
  }

  /** Thrown when the body did not finish in time. */
  static final class Stuck extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stuck(String message, StackTraceElement[] where) {
      super(message);
      setStackTrace(where);
    }
  }

  <T> T call(Callable<T> body) throws Exception {
    Thread[] runner = new Thread[1];
    Future<T> f =
        executor.submit(
            () -> {
              runner[0] = Thread.currentThread();
              return body.call();
            });
    try {
      return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      StackTraceElement[] where =
          runner[0] == null ? new StackTraceElement[0] : runner[0].getStackTrace();
      f.cancel(true);
      executor.shutdownNow();
      executor = newExecutor();
      throw new Stuck(
          "engine did not finish within " + limit.toSeconds() + " s (endless loop?); it was at:",
          where);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) {
        throw ex;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  void run(ThrowingRunnable body) throws Exception {
    call(
        () -> {
          body.run();
          return null;
        });
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
