package dev.netloom.train.data.audio;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

/** 16-bit PCM mono WAV read back exactly; every other kind refused in our words. */
class WavFileTest {

    @Test
    void sixteenBitMonoIsReadBackSampleForSample() {
        short[] samples = {0, 1, -1, 32767, -32768, 1234};
        WavFile wav = WavFile.parse(WavFile.encode(16000, samples));
        assertThat(wav.problem()).isNull();
        assertThat(wav.sampleRate()).isEqualTo(16000);
        assertThat(wav.samples()).containsExactly(samples);
    }

    @Test
    void chunksBeforeTheSamplesAreSkipped() {
        byte[] plain = WavFile.encode(8000, new short[] {5, 6, 7});
        // A "LIST" chunk of 3 bytes (padded to 4) between fmt and data, as editors write.
        ByteBuffer b = ByteBuffer.allocate(plain.length + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.put(plain, 0, 36).putInt(0x5453494c).putInt(3).put(new byte[] {1, 2, 3, 0}).put(plain, 36, plain.length - 36);
        WavFile wav = WavFile.parse(b.array());
        assertThat(wav.problem()).isNull();
        assertThat(wav.samples()).containsExactly((short) 5, (short) 6, (short) 7);
    }

    @Test
    void otherKindsAreRefusedSayingWhatIsRead() {
        assertThat(WavFile.parse(withFormat(1, 2, 16)).problem())
                .isEqualTo("a WAV file with 2 channels; only 16-bit PCM mono WAV files are read");
        assertThat(WavFile.parse(withFormat(1, 1, 24)).problem())
                .isEqualTo("a WAV file of 24-bit samples; only 16-bit PCM mono WAV files are read");
        assertThat(WavFile.parse(withFormat(3, 1, 32)).problem())
                .isEqualTo("a WAV file of float samples; only 16-bit PCM mono WAV files are read");
        assertThat(WavFile.parse("ID3 not a wave at all".getBytes()).problem())
                .isEqualTo("not a WAV file (no RIFF/WAVE header)");
    }

    private static byte[] withFormat(int format, int channels, int bits) {
        byte[] bytes = WavFile.encode(16000, new short[] {1, 2, 3, 4});
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(20, (short) format).putShort(22, (short) channels).putShort(34, (short) bits);
        return bytes;
    }
}
