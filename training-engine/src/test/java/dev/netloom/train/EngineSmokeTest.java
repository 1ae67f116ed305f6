package dev.netloom.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineSmokeTest {
    @Test
    void pytorchRunsOffline() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3});
            assertThat(a.mul(2).sum().getFloat()).isEqualTo(12f);
            assertThat(Engine.getInstance().getEngineName()).isEqualTo("PyTorch");
        }
    }
}
