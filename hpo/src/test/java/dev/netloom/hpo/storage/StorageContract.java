package dev.netloom.hpo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.StudyDirection;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.CategoricalDistribution;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.FloatDistribution;
import dev.netloom.hpo.distribution.IntDistribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tests every {@link Storage} passes. A subclass says how to open a fresh, empty storage and
 * how to open a second handle on the same data (for storages that share a database).
 */
abstract class StorageContract {

    protected Storage storage;

    /** A new, empty storage. */
    protected abstract Storage openFresh() throws Exception;

    /** A second handle on the data of the last {@link #openFresh()}, or the same object if the storage cannot share. */
    protected abstract Storage openAgain() throws Exception;

    @BeforeEach
    void open() throws Exception {
        storage = openFresh();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static final List<StudyDirection> MIN = List.of(StudyDirection.MINIMIZE);

    @Test
    void studiesAreCreatedFoundListedAndDeleted() {
        StudyRecord a = storage.createStudy("a", MIN);
        StudyRecord b = storage.createStudy("b", List.of(StudyDirection.MAXIMIZE, StudyDirection.MINIMIZE));
        assertThat(storage.findStudy("b")).contains(b);
        assertThat(storage.findStudy("none")).isEmpty();
        assertThat(storage.studies()).containsExactly(a, b);
        storage.createTrial(a.id(), TrialState.RUNNING, Map.of(), Map.of(), Map.of());
        storage.deleteStudy(a.id());
        assertThat(storage.studies()).containsExactly(b);
    }

    @Test
    void aStudyNameIsUnique() {
        storage.createStudy("same", MIN);
        assertThatThrownBy(() -> storage.createStudy("same", MIN))
                .isInstanceOf(StorageException.class).hasMessageContaining("'same' exists already");
    }

    @Test
    void trialsAreNumberedFromZeroAndWaitingOnesAreClaimedOldestFirstOnce() {
        long s = storage.createStudy("s", MIN).id();
        FrozenTrial w1 = storage.createTrial(s, TrialState.WAITING, Map.of(), Map.of(), Map.of("k", "1"));
        FrozenTrial r = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of());
        FrozenTrial w2 = storage.createTrial(s, TrialState.WAITING, Map.of(), Map.of(), Map.of());
        assertThat(List.of(w1.number(), r.number(), w2.number())).containsExactly(0, 1, 2);
        assertThat(w1.start()).isNull();
        assertThat(r.start()).isNotNull();

        FrozenTrial claimed = storage.claimWaitingTrial(s).orElseThrow();
        assertThat(claimed.id()).isEqualTo(w1.id());
        assertThat(claimed.state()).isEqualTo(TrialState.RUNNING);
        assertThat(claimed.systemAttrs()).containsEntry("k", "1");
        assertThat(storage.claimWaitingTrial(s).orElseThrow().id()).isEqualTo(w2.id());
        assertThat(storage.claimWaitingTrial(s)).isEmpty();
    }

    @Test
    void paramsKeepTheirOrderDistributionAndExactValue() {
        long s = storage.createStudy("s", MIN).id();
        FrozenTrial t = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of());
        List<Object> choices = Arrays.asList("x;y:z", 3, 3L, 2.5, true, null);
        Map<String, Distribution> dists = new LinkedHashMap<>();
        dists.put("z_first", new FloatDistribution(1e-5, 1, true, null));
        dists.put("a_second", new IntDistribution(0, 100, false, 5));
        dists.put("m_third", CategoricalDistribution.of(choices));
        dists.put("b_fourth", new FloatDistribution(0, 1, false, 0.1));
        double[] values = {0.000123456789012345, 35, 5, 0.30000000000000004};
        int k = 0;
        for (Map.Entry<String, Distribution> e : dists.entrySet()) {
            storage.setParam(t.id(), e.getKey(), e.getValue(), values[k++]);
        }
        FrozenTrial read = storage.trial(t.id());
        assertThat(read.internalParams().keySet()).containsExactly("z_first", "a_second", "m_third", "b_fourth");
        assertThat(read.internalParams().get("z_first")).isEqualTo(0.000123456789012345);
        assertThat(read.distributions()).isEqualTo(dists);
        assertThat(read.param("m_third")).isNull();
        assertThat(read.param("a_second")).isEqualTo(35L);
        assertThat(((CategoricalDistribution) read.distributions().get("m_third")).choices()).isEqualTo(choices);
    }

    @Test
    void intermediateValuesAreReplacedPerStepAndKeepNaN() {
        long s = storage.createStudy("s", MIN).id();
        long id = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        storage.setIntermediateValue(id, 3, 0.5);
        storage.setIntermediateValue(id, 1, 0.9);
        storage.setIntermediateValue(id, 3, 0.4);
        storage.setIntermediateValue(id, 7, Double.NaN);
        FrozenTrial t = storage.trial(id);
        assertThat(t.intermediateValues().keySet()).containsExactly(1, 3, 7);
        assertThat(t.intermediateValues().get(3)).isEqualTo(0.4);
        assertThat(t.intermediateValues().get(7)).isNaN();
    }

    @Test
    void attributesKeepTheirTypes() {
        long s = storage.createStudy("s", MIN).id();
        long id = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        storage.setUserAttr(id, "i", 3);
        storage.setUserAttr(id, "l", 3L);
        storage.setUserAttr(id, "d", 3.0);
        storage.setUserAttr(id, "s", "three");
        storage.setUserAttr(id, "b", false);
        storage.setUserAttr(id, "n", null);
        storage.setUserAttr(id, "s", "replaced");
        storage.setSystemAttr(id, "sys", "v");
        FrozenTrial t = storage.trial(id);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("i", 3);
        expected.put("l", 3L);
        expected.put("d", 3.0);
        expected.put("s", "replaced");
        expected.put("b", false);
        expected.put("n", null);
        assertThat(t.userAttrs()).isEqualTo(expected);
        assertThat(t.systemAttrs()).containsEntry("sys", "v");
        assertThatThrownBy(() -> storage.setUserAttr(id, "o", new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTrialLeavesRunningExactlyOnceAndThenRefusesChanges() {
        long s = storage.createStudy("s", List.of(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)).id();
        long id = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        assertThat(storage.finishTrial(id, TrialState.COMPLETE, List.of(1.5, Double.POSITIVE_INFINITY))).isTrue();
        assertThat(storage.finishTrial(id, TrialState.FAIL, List.of())).isFalse();
        FrozenTrial t = storage.trial(id);
        assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(t.values()).containsExactly(1.5, Double.POSITIVE_INFINITY);
        assertThat(t.complete()).isNotNull();
        assertThatThrownBy(() -> storage.setParam(id, "late", FloatDistribution.of(0, 1), 0.5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("COMPLETE, not RUNNING");
        assertThatThrownBy(() -> storage.setIntermediateValue(id, 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFinishedTrialRefusesNewAttributes() {
        long s = storage.createStudy("s", MIN).id();
        long id = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        storage.finishTrial(id, TrialState.PRUNED, List.of());
        assertThatThrownBy(() -> storage.setUserAttr(id, "k", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PRUNED; a finished trial does not change");
        assertThatThrownBy(() -> storage.setSystemAttr(id, "k", "v")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReaderSeesTrialsThatAnotherHandleChanged() throws Exception {
        long s = storage.createStudy("s", MIN).id();
        long done = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        long open = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        storage.finishTrial(done, TrialState.COMPLETE, List.of(1.0));
        assertThat(storage.trials(s)).extracting(FrozenTrial::state).containsExactly(TrialState.COMPLETE, TrialState.RUNNING);
        Storage other = openAgain();
        try {
            other.setIntermediateValue(open, 2, 0.5);
            other.finishTrial(open, TrialState.COMPLETE, List.of(2.0));
            other.createTrial(s, TrialState.WAITING, Map.of(), Map.of(), Map.of());
        } finally {
            if (other != storage) {
                other.close();
            }
        }
        List<FrozenTrial> now = storage.trials(s);
        assertThat(now).extracting(FrozenTrial::state)
                .containsExactly(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.WAITING);
        assertThat(now.get(1).intermediateValues()).containsEntry(2, 0.5);
        assertThat(storage.trial(open).values()).containsExactly(2.0);
    }

    @Test
    void snapshotsDoNotChangeAfterwards() {
        long s = storage.createStudy("s", MIN).id();
        long id = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        FrozenTrial before = storage.trial(id);
        List<FrozenTrial> all = storage.trials(s);
        storage.setIntermediateValue(id, 0, 1);
        storage.finishTrial(id, TrialState.COMPLETE, List.of(2.0));
        assertThat(before.state()).isEqualTo(TrialState.RUNNING);
        assertThat(before.intermediateValues()).isEmpty();
        assertThat(all.get(0).state()).isEqualTo(TrialState.RUNNING);
        assertThatThrownBy(() -> before.internalParams().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void silentTrialsAreFailedWithAReasonAndBeatingOnesAreNot() throws Exception {
        long s = storage.createStudy("s", MIN).id();
        long silent = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        long beating = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        long done = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        storage.finishTrial(done, TrialState.COMPLETE, List.of(1.0));
        assertThat(storage.failStaleTrials(s, Duration.ofHours(1))).isEmpty();
        Thread.sleep(150); // the point of the test: let the heartbeat grace pass
        storage.recordHeartbeat(beating);
        List<FrozenTrial> reaped = storage.failStaleTrials(s, Duration.ofMillis(100));
        assertThat(reaped).extracting(FrozenTrial::id).containsExactly(silent);
        assertThat(storage.trial(silent).state()).isEqualTo(TrialState.FAIL);
        assertThat(storage.trial(silent).failReason()).contains("stopped heart-beating");
        assertThat(storage.trial(beating).state()).isEqualTo(TrialState.RUNNING);
        assertThat(storage.finishTrial(silent, TrialState.COMPLETE, List.of(0.0))).isFalse();
    }

    @Test
    void manyThreadsGetDistinctNumbersAndClaimEachWaitingTrialOnce() throws Exception {
        long s = storage.createStudy("s", MIN).id();
        for (int i = 0; i < 40; i++) {
            storage.createTrial(s, TrialState.WAITING, Map.of(), Map.of(), Map.of());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Storage> handles = new ArrayList<>();
        List<Future<List<FrozenTrial>>> futures = new ArrayList<>();
        Set<Long> claimed = Collections.synchronizedSet(new HashSet<>());
        List<Long> claimedList = Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < 4; w++) {
            Storage handle = w % 2 == 0 ? storage : openAgain();
            if (handle != storage) {
                handles.add(handle);
            }
            futures.add(pool.submit(() -> {
                List<FrozenTrial> made = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                    made.add(handle.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()));
                    handle.claimWaitingTrial(s).ifPresent(t -> {
                        claimed.add(t.id());
                        claimedList.add(t.id());
                    });
                }
                return made;
            }));
        }
        Set<Integer> numbers = new HashSet<>();
        for (Future<List<FrozenTrial>> f : futures) {
            f.get().forEach(t -> numbers.add(t.number()));
        }
        pool.shutdown();
        handles.forEach(Storage::close);
        assertThat(numbers).hasSize(60);
        assertThat(claimedList).hasSize(40).doesNotHaveDuplicates();
        assertThat(storage.trials(s)).extracting(FrozenTrial::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void anotherHandleSeesTheSameStudy() throws Exception {
        long s = storage.createStudy("shared", MIN).id();
        long id = storage.createTrial(s, TrialState.RUNNING, Map.of(), Map.of(), Map.of()).id();
        storage.finishTrial(id, TrialState.COMPLETE, List.of(4.0));
        Storage other = openAgain();
        try {
            assertThat(other.findStudy("shared")).isPresent();
            assertThat(other.trials(s)).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo(4.0));
        } finally {
            if (other != storage) {
                other.close();
            }
        }
    }

    @Test
    void unknownIdsAreReported() {
        assertThatThrownBy(() -> storage.trial(987654)).isInstanceOf(StorageException.class)
                .hasMessageContaining("no trial with id 987654");
        assertThatThrownBy(() -> storage.createTrial(987654, TrialState.RUNNING, Map.of(), Map.of(), Map.of()))
                .isInstanceOf(StorageException.class).hasMessageContaining("no study with id 987654");
    }
}
