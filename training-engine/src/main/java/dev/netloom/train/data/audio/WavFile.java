package dev.netloom.train.data.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A WAV file's samples: 16-bit PCM, one channel, the only kind the audio reader takes (what
 * speech datasets such as Speech Commands ship). Anything else gives a {@link #problem()} in our
 * words (stereo, 8/24/32-bit, float or compressed, not a WAV at all), never an exception.
 *
 * @param sampleRate samples per second
 * @param samples the samples, -32768..32767; null when {@code problem} is set
 * @param problem why the file cannot be read, or null
 */
public record WavFile(int sampleRate, short[] samples, String problem) {

    /** Files larger than this are refused before they are read (10 minutes of 16 kHz audio is 19 MB). */
    public static final long MAX_BYTES = 64L << 20;

    private static final String ONLY = "; only 16-bit PCM mono WAV files are read";

    /** Reads a file; a file that is not 16-bit PCM mono WAV gives a problem, a read error an exception. */
    public static WavFile read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            return failed("a file of " + size + " bytes, larger than the " + MAX_BYTES + " bytes an audio clip may take");
        }
        return parse(Files.readAllBytes(file));
    }

    /** Parses WAV bytes (RIFF chunks: {@code fmt } then {@code data}; other chunks are skipped). */
    public static WavFile parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            return failed("not a WAV file (no RIFF/WAVE header)");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int at = 12;
        while (at + 8 <= bytes.length) {
            int id = b.getInt(at);
            long length = Integer.toUnsignedLong(b.getInt(at + 4));
            int body = at + 8;
            if (id == 0x20746d66) { // "fmt "
                if (length < 16 || body + 16 > bytes.length) {
                    return failed("a WAV file whose format chunk is cut short");
                }
                format = Short.toUnsignedInt(b.getShort(body));
                channels = Short.toUnsignedInt(b.getShort(body + 2));
                rate = b.getInt(body + 4);
                bits = Short.toUnsignedInt(b.getShort(body + 14));
            } else if (id == 0x61746164) { // "data"
                if (format < 0) {
                    return failed("a WAV file with its samples before their format");
                }
                if (format != 1) {
                    return failed("a WAV file of " + (format == 3 ? "float" : "compressed (format " + format + ")")
                            + " samples" + ONLY);
                }
                if (channels != 1) {
                    return failed("a WAV file with " + channels + " channels" + ONLY);
                }
                if (bits != 16) {
                    return failed("a WAV file of " + bits + "-bit samples" + ONLY);
                }
                if (rate <= 0) {
                    return failed("a WAV file with a sample rate of " + rate);
                }
                long available = Math.min(length, bytes.length - (long) body);
                short[] samples = new short[(int) (available / 2)];
                b.position(body);
                b.asShortBuffer().get(samples);
                return new WavFile(rate, samples, null);
            }
            at = (int) Math.min(Integer.MAX_VALUE, body + length + (length & 1)); // chunks are padded to even sizes
        }
        return failed("a WAV file with no samples (no data chunk)");
    }

    /** 16-bit PCM mono WAV bytes of {@code samples}: what tests and examples write. */
    public static byte[] encode(int sampleRate, short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * samples.length).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(2 * sampleRate).putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(2 * samples.length);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    private static WavFile failed(String problem) {
        return new WavFile(0, null, problem);
    }
}
