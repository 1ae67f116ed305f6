package dev.netloom.train.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pictures standardised as a trained model saw its own: when fine-tuning, the start model's
 * convolutions and frozen BatchNorm statistics were learned on pictures standardised with its
 * training set's per-channel mean and std, so the new pictures must be too, not with statistics of
 * a few new pictures (a handful of sandals is darker than T-shirts; standardised on their own, the
 * same pixel value would mean something else to the backbone).
 */
public final class PictureStatistics {

    private PictureStatistics() {
    }

    /**
     * The dataset with every picture field the model has statistics for re-standardised to them:
     * {@code x' = (x · std_data + mean_data − mean_model) / std_model} per channel, exact up to
     * float rounding; its preprocessing records the model's statistics (so the new model's
     * artifact reads new pictures the same way). Fields the model lacks are left as they are.
     */
    @SuppressWarnings("unchecked")
    public static Dataset adopt(Dataset d, FittedPreprocessing model) {
        FittedPreprocessing own = new FittedPreprocessing(d.classes(), fieldsOf(d), d.vocabulary());
        Splits splits = new Splits(d.train(), d.validation(), d.test());
        Map<String, Object> preprocessing = new LinkedHashMap<>(d.preprocessing());
        for (Field f : d.train().fields(FieldKind.IMAGE)) {
            Optional<Normalisation> theirs = model.normalisation(f.name());
            Optional<Normalisation> ours = own.normalisation(f.name());
            if (theirs.isEmpty() || ours.isEmpty() || theirs.get().mean().length != f.shape()[0]) {
                continue;
            }
            Normalisation m = theirs.get();
            Normalisation o = ours.get();
            float[] scale = new float[m.mean().length];
            float[] shift = new float[m.mean().length];
            for (int c = 0; c < scale.length; c++) {
                scale[c] = o.std()[c] / m.std()[c];
                shift[c] = (o.mean()[c] - m.mean()[c]) / m.std()[c];
            }
            // Pictures held as codes are read through the model's statistics directly (exact up to float
            // rounding, one rounding fewer than the affine map of the standardised floats).
            splits = splits.mapField(f.name(), field -> field.codes() != null
                    ? new Field(field.name(), field.kind(), field.shape(), null, null, field.codes().standardisedBy(m))
                    : affine(field, scale, shift));
            Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) preprocessing.getOrDefault(f.name(),
                    Map.of()));
            entry.putAll(m.toMap());
            preprocessing.put(f.name(), entry);
        }
        return new Dataset(d.name(), splits.train(), splits.validation(), splits.test(), d.classes(), preprocessing,
                d.vocabulary(), d.fingerprint(), d.report());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> fieldsOf(Dataset d) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        d.preprocessing().forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(k, (Map<String, Object>) m);
            }
        });
        return out;
    }

    private static Field affine(Field f, float[] scale, float[] shift) {
        int groups = scale.length;
        int inner = f.exampleSize() / groups;
        float[] in = f.floats();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            int g = (i % f.exampleSize()) / inner;
            out[i] = in[i] * scale[g] + shift[g];
        }
        return Field.floats(f.name(), f.kind(), f.shape(), out);
    }
}
