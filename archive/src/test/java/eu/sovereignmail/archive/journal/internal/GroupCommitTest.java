package eu.sovereignmail.archive.journal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.journal.internal.GroupCommit.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

  @Test
  void requestsWaitingWhileABatchRunsShareTheNextBatchInArrivalOrder() throws Exception {
    CountDownLatch firstBatchRunning = new CountDownLatch(1);
    CountDownLatch releaseFirstBatch = new CountDownLatch(1);
    List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-commit", 100, batch -> {
          batches.add(batch);
          if (batches.size() == 1) {
            firstBatchRunning.countDown();
            await(releaseFirstBatch);
          }
          return batch.stream().map(n -> Outcome.of(n * 10)).toList();
        });
        ExecutorService callers = Executors.newFixedThreadPool(9)) {
      Future<Integer> first = callers.submit(() -> commit.submit(0));
      firstBatchRunning.await();
      List<Future<Integer>> waiting = new ArrayList<>();
      for (int i = 1; i <= 8; i++) {
        int n = i;
        waiting.add(callers.submit(() -> commit.submit(n)));
        Thread.sleep(5); // arrival order
      }
      while (((java.util.concurrent.ThreadPoolExecutor) callers).getActiveCount() < 9) {
        Thread.sleep(1);
      }
      Thread.sleep(50);
      releaseFirstBatch.countDown();

      assertThat(first.get()).isZero();
      for (int i = 0; i < waiting.size(); i++) {
        assertThat(waiting.get(i).get()).isEqualTo((i + 1) * 10);
      }
    }
    assertThat(batches).hasSize(2);
    assertThat(batches.get(1)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void aFailedBatchIsRetriedOneByOneSoOnlyTheBadRequestFails() throws Exception {
    List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch hold = new CountDownLatch(1);
    try (GroupCommit<String, String> commit = new GroupCommit<>("test-commit", 100, batch -> {
          batches.add(batch);
          if (batch.contains("hold")) {
            await(hold);
          }
          if (batch.contains("bad")) {
            throw new IllegalStateException("constraint violated");
          }
          return batch.stream().map(Outcome::of).toList();
        });
        ExecutorService callers = Executors.newFixedThreadPool(4)) {
      Future<String> holder = callers.submit(() -> commit.submit("hold"));
      while (batches.isEmpty()) {
        Thread.sleep(1);
      }
      Future<String> good1 = callers.submit(() -> commit.submit("good1"));
      Future<String> bad = callers.submit(() -> commit.submit("bad"));
      Future<String> good2 = callers.submit(() -> commit.submit("good2"));
      Thread.sleep(100);
      hold.countDown();

      assertThat(holder.get()).isEqualTo("hold");
      assertThat(good1.get()).isEqualTo("good1");
      assertThat(good2.get()).isEqualTo("good2");
      assertThatThrownBy(bad::get).hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("constraint");
    }
  }

  @Test
  void perRequestFailuresFailOnlyThatRequestAndSubmitAfterCloseIsRefused() throws Exception {
    GroupCommit<String, String> commit = new GroupCommit<>("test-commit", 10, batch -> batch.stream()
        .map(s -> s.equals("conflict") ? Outcome.<String>failed(new IllegalArgumentException("conflict")) : Outcome.of(s))
        .toList());
    assertThat(commit.submit("ok")).isEqualTo("ok");
    assertThatThrownBy(() -> commit.submit("conflict")).isInstanceOf(IllegalArgumentException.class);
    commit.close();
    assertThatThrownBy(() -> commit.submit("late")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
