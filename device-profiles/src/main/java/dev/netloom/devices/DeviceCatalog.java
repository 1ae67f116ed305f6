package dev.netloom.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netloom.graph.files.EditDistance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The devices the studio knows: the shipped profiles (one JSON file each under
 * {@code dev/netloom/devices/profiles/}, listed in {@code index.json}) plus any the user drops in
 * a directory (default {@code ~/.netloom/devices}). A user file with the id of a shipped profile
 * replaces it; that is how the measured "this computer" profile replaces its "not calibrated
 * yet" placeholder.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class DeviceCatalog {

    /** The id of the profile measured on the machine the studio runs on. */
    public static final String THIS_COMPUTER = "this-computer";
    /** Overrides the user profile directory (a system property). */
    public static final String DIRECTORY_PROPERTY = "netloom.devices.dir";

    private static final String FOLDER = "dev/netloom/devices/profiles/";

    private final Map<String, DeviceProfile> profiles;
    private final List<String> problems;

    private DeviceCatalog(Map<String, DeviceProfile> profiles, List<String> problems) {
        this.profiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        this.problems = List.copyOf(problems);
    }

    /** The shipped profiles. A shipped file that does not load is a build bug, so this throws. */
    public static DeviceCatalog standard() {
        ClassLoader loader = DeviceCatalog.class.getClassLoader();
        Map<String, DeviceProfile> profiles = new LinkedHashMap<>();
        for (String file : index(loader)) {
            try (InputStream in = loader.getResourceAsStream(FOLDER + file)) {
                if (in == null) {
                    throw new IllegalStateException("profile " + file + " is listed in index.json but missing");
                }
                DeviceProfile p = ProfileReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), file, "built-in");
                profiles.put(p.id(), p.id().equals(THIS_COMPUTER) && !p.calibrated()
                        ? withCores(p, Runtime.getRuntime().availableProcessors()) : p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ProfileFormatException e) {
                throw new IllegalStateException("shipped profile is broken: " + e.getMessage(), e);
            }
        }
        return new DeviceCatalog(profiles, List.of());
    }

    /**
     * The uncalibrated "this computer" placeholder with the processors this machine really has
     * (its speeds stay placeholders until it is measured): a 2-core machine is not estimated, or
     * run with, 4 threads.
     */
    static DeviceProfile withCores(DeviceProfile p, int cores) {
        ComputeUnit c = p.compute();
        ComputeUnit counted = new ComputeUnit(cores + " logical CPUs (counted; speeds not measured yet)", cores,
                c.clockGHz(), c.peakPerCore(), c.efficiency(), c.parallelEfficiency(), c.matrixVectorPerCore(),
                c.kernelEfficiency());
        return p.withCompute(counted, cores);
    }

    /**
     * The directory user profiles live in: the {@value #DIRECTORY_PROPERTY} system property if
     * set, else {@code ~/.netloom/devices}.
     */
    public static Path defaultUserDirectory() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        return dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".netloom", "devices");
    }

    /**
     * This catalog plus every {@code *.json} profile in {@code dir} (a missing directory adds
     * nothing). Files that do not load are skipped and reported in {@link #problems()}, one line each.
     */
    public DeviceCatalog withUserProfiles(Path dir) {
        Map<String, DeviceProfile> merged = new LinkedHashMap<>(profiles);
        List<String> found = new ArrayList<>(problems);
        if (!Files.isDirectory(dir)) {
            return new DeviceCatalog(merged, found);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            found.add(dir + ": cannot list the directory: " + e.getMessage());
            return new DeviceCatalog(merged, found);
        }
        for (Path file : files) {
            try {
                DeviceProfile p = read(file);
                merged.put(p.id(), p);
            } catch (ProfileFormatException e) {
                found.add(e.getMessage());
            }
        }
        return new DeviceCatalog(merged, found);
    }

    /** The largest user profile file read: profiles are a few kilobytes. */
    static final long MAX_PROFILE_BYTES = 1L << 20;

    /** Reads one profile file; the message of any failure names the file and the JSON path. */
    public static DeviceProfile read(Path file) throws ProfileFormatException {
        String name = file.getFileName().toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new ProfileFormatException(name + ": not a regular file");
            }
            if (Files.size(file) > MAX_PROFILE_BYTES) {
                throw new ProfileFormatException(name + ": larger than " + (MAX_PROFILE_BYTES >> 10) + " KiB; not a device profile");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // A byte-order mark, as some Windows editors write, is not part of the JSON.
            return ProfileReader.read(text.startsWith("\uFEFF") ? text.substring(1) : text, name, file.toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ProfileFormatException(name + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new ProfileFormatException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a profile from text; {@code fileName} is used in messages. */
    public static DeviceProfile parse(String json, String fileName) throws ProfileFormatException {
        return ProfileReader.read(json, fileName, fileName);
    }

    /** Every profile, grouped in {@link DeviceGroup} order, then in index order. */
    public List<DeviceProfile> all() {
        return profiles.values().stream().sorted(Comparator.comparing(DeviceProfile::group)).toList();
    }

    /** The profile with that id. */
    public Optional<DeviceProfile> find(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    /** One line per user profile file that did not load. */
    public List<String> problems() {
        return problems;
    }

    /** Ids that look like {@code typo}, closest first, for "did you mean" messages. */
    public List<String> closeIds(String typo) {
        return profiles.keySet().stream()
                .map(id -> Map.entry(id, EditDistance.between(typo, id)))
                .filter(e -> e.getValue() <= Math.max(3, typo.length() / 2) || e.getKey().contains(typo))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(4).map(Map.Entry::getKey).toList();
    }

    private static List<String> index(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(FOLDER + "index.json")) {
            if (in == null) {
                throw new IllegalStateException("the device profile index is missing from the class path");
            }
            List<String> files = new ArrayList<>();
            for (JsonNode n : new ObjectMapper().readTree(in)) {
                files.add(n.asText());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("the device profile index cannot be read", e);
        }
    }
}
