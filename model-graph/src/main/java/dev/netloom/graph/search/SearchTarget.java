package dev.netloom.graph.search;

import dev.netloom.graph.Node;

import java.util.regex.Pattern;

/**
 * What a searchable parameter changes: a node's parameter ({@code node:fc1.units}) or a training
 * setting ({@code training.learningRate}). The text form is what the project file stores.
 */
public sealed interface SearchTarget permits SearchTarget.NodeParameter, SearchTarget.TrainingSetting {

    /** The prefix of a node parameter's text form. */
    String NODE_PREFIX = "node:";
    /** The prefix of a training setting's text form. */
    String TRAINING_PREFIX = "training.";

    /** The text form, as stored in the project file. */
    String text();

    /** The parameter's own name ({@code units}, {@code learningRate}). */
    String name();

    /** A parameter of one node, for example {@code units} of node {@code fc1}. */
    record NodeParameter(String nodeId, String name) implements SearchTarget {

        public NodeParameter {
            if (!Node.isValidId(nodeId)) {
                throw new IllegalArgumentException("\"" + nodeId + "\" is not a node id");
            }
            requireName(name);
        }

        @Override
        public String text() {
            return NODE_PREFIX + nodeId + "." + name;
        }
    }

    /** A training setting such as {@code learningRate} or {@code batchSize}. */
    record TrainingSetting(String name) implements SearchTarget {

        public TrainingSetting {
            requireName(name);
        }

        @Override
        public String text() {
            return TRAINING_PREFIX + name;
        }
    }

    /** A node's parameter. */
    static SearchTarget node(String nodeId, String name) {
        return new NodeParameter(nodeId, name);
    }

    /** A training setting. */
    static SearchTarget training(String name) {
        return new TrainingSetting(name);
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException with a message that shows the two accepted forms
     */
    static SearchTarget parse(String text) {
        try {
            if (text.startsWith(NODE_PREFIX)) {
                String rest = text.substring(NODE_PREFIX.length());
                int dot = rest.lastIndexOf('.');
                if (dot > 0) {
                    return new NodeParameter(rest.substring(0, dot), rest.substring(dot + 1));
                }
            } else if (text.startsWith(TRAINING_PREFIX)) {
                return new TrainingSetting(text.substring(TRAINING_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message that shows both forms
        }
        throw new IllegalArgumentException("expected \"node:<nodeId>.<parameter>\" or \"training.<setting>\", got \""
                + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\"");
    }

    private static void requireName(String name) {
        if (name == null || !Holder.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a parameter name");
        }
    }

    /** Keeps the pattern out of the interface's public constants. */
    final class Holder {
        static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

        private Holder() {
        }
    }
}
