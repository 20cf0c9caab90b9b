package eu.sovereignmail.gateway.imap.server;

import eu.sovereignmail.gateway.auth.Authenticator;
import eu.sovereignmail.gateway.sasl.SaslCredentials;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs login checks (an Argon2id or PBKDF2 hash: milliseconds of CPU) on a few platform threads instead of the
 * connection's virtual thread. A virtual thread is not preempted: a hash on a carrier stalls every relay waiting for
 * that carrier, while on a platform thread the operating system shares the cores. Bounded: when every check thread is
 * busy (or asleep in identity's refusal delay) the check runs on the caller as before, so logins never queue here.
 */
final class OffCarrierAuthenticator implements Authenticator, AutoCloseable {
  private final Authenticator delegate;
  private final ThreadPoolExecutor threads;

  OffCarrierAuthenticator(Authenticator delegate, int threads) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must not be negative");
    }
    this.threads = threads == 0 ? null : new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
        new SynchronousQueue<>(), Thread.ofPlatform().daemon().name("imap-login-check-", 1).factory(),
        new ThreadPoolExecutor.AbortPolicy());
    if (this.threads != null) {
      this.threads.allowCoreThreadTimeOut(true);
    }
  }

  @Override
  public Result authenticate(SaslCredentials credentials, String clientIp) {
    if (threads == null) {
      return delegate.authenticate(credentials, clientIp);
    }
    Future<Result> check;
    try {
      check = threads.submit(() -> delegate.authenticate(credentials, clientIp));
    } catch (RejectedExecutionException busyOrClosed) {
      return delegate.authenticate(credentials, clientIp);
    }
    try {
      return check.get();
    } catch (InterruptedException e) {
      check.cancel(true);
      Thread.currentThread().interrupt();
      return new Result.Unavailable();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException bug) {
        throw bug;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    if (threads != null) {
      threads.shutdownNow();
    }
  }
}
