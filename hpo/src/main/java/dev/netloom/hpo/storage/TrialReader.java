package dev.netloom.hpo.storage;

import dev.netloom.hpo.FrozenTrial;
import dev.netloom.hpo.TrialState;
import dev.netloom.hpo.distribution.Distribution;
import dev.netloom.hpo.distribution.DistributionText;
import dev.netloom.hpo.distribution.ValueText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads trials and everything attached to them with one query per table, inside the caller's transaction. */
final class TrialReader {

    private final Connection connection;
    private final Map<String, Distribution> distributionCache = new HashMap<>();

    TrialReader(Connection connection) {
        this.connection = connection;
    }

    /** The trials matching {@code condition} on {@code hpo_trials t} with one long argument, by number. */
    List<FrozenTrial> read(String condition, long arg) throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        query("SELECT t.trial_id, t.number, t.state, t.datetime_start, t.datetime_complete FROM hpo_trials t WHERE "
                + condition + " ORDER BY t.number", arg, rs -> {
                    Row r = new Row();
                    r.number = rs.getInt(2);
                    r.state = TrialState.valueOf(rs.getString(3));
                    long s = rs.getLong(4);
                    r.start = rs.wasNull() ? null : Instant.ofEpochMilli(s);
                    long c = rs.getLong(5);
                    r.complete = rs.wasNull() ? null : Instant.ofEpochMilli(c);
                    rows.put(rs.getLong(1), r);
                });
        if (rows.isEmpty()) {
            return List.of();
        }
        String join = " x JOIN hpo_trials t ON t.trial_id = x.trial_id WHERE " + condition;
        query("SELECT x.trial_id, x.objective, x.value FROM hpo_trial_values" + join + " ORDER BY x.trial_id, x.objective",
                arg, rs -> rows.get(rs.getLong(1)).values.add(doubleOrNaN(rs, 3)));
        query("SELECT x.trial_id, x.name, x.distribution, x.internal_value FROM hpo_trial_params" + join
                + " ORDER BY x.trial_id, x.position", arg, rs -> {
                    Row r = rows.get(rs.getLong(1));
                    String name = rs.getString(2);
                    r.params.put(name, rs.getDouble(4));
                    r.distributions.put(name, distributionCache.computeIfAbsent(rs.getString(3), DistributionText::read));
                });
        query("SELECT x.trial_id, x.step, x.value FROM hpo_trial_intermediate" + join, arg,
                rs -> rows.get(rs.getLong(1)).intermediate.put(rs.getInt(2), doubleOrNaN(rs, 3)));
        query("SELECT x.trial_id, x.key, x.value FROM hpo_trial_user_attrs" + join + " ORDER BY x.key", arg,
                rs -> rows.get(rs.getLong(1)).userAttrs.put(rs.getString(2), ValueText.read(rs.getString(3))));
        query("SELECT x.trial_id, x.key, x.value FROM hpo_trial_system_attrs" + join + " ORDER BY x.key", arg,
                rs -> rows.get(rs.getLong(1)).systemAttrs.put(rs.getString(2), rs.getString(3)));
        List<FrozenTrial> out = new ArrayList<>(rows.size());
        rows.forEach((id, r) -> out.add(new FrozenTrial(id, r.number, r.state, r.values, r.params, r.distributions,
                r.intermediate, r.userAttrs, r.systemAttrs, r.start, r.complete)));
        return out;
    }

    private static double doubleOrNaN(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    @FunctionalInterface
    private interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, long arg, RowAction action) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setLong(1, arg);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    action.accept(rs);
                }
            }
        }
    }

    /** A trial being assembled. */
    private static final class Row {
        int number;
        TrialState state;
        Instant start;
        Instant complete;
        final List<Double> values = new ArrayList<>();
        final Map<String, Double> params = new LinkedHashMap<>();
        final Map<String, Distribution> distributions = new LinkedHashMap<>();
        final TreeMap<Integer, Double> intermediate = new TreeMap<>();
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, String> systemAttrs = new LinkedHashMap<>();
    }
}
