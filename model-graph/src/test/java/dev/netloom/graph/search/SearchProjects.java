package dev.netloom.graph.search;

/** A small project with a search section, as text, for the search tests. */
public final class SearchProjects {

    private SearchProjects() {
    }

    /** Image → Flatten → Dense fc1 → Dropout → Activation → Classification; {@code parameters} is spliced in. */
    public static String withParameters(String parametersJson) {
        return """
                {
                  "schemaVersion": 1,
                  "name": "searchable",
                  "graph": {
                    "nodes": [
                      { "id": "image", "type": "Image", "params": { "channels": 1, "height": 8, "width": 8 } },
                      { "id": "flat", "type": "Flatten" },
                      { "id": "fc1", "type": "Dense", "params": { "units": 128 } },
                      { "id": "drop", "type": "Dropout" },
                      { "id": "act", "type": "Activation" },
                      { "id": "answer", "type": "Classification" }
                    ],
                    "edges": [
                      { "from": "image.out", "to": "flat.in" }, { "from": "flat.out", "to": "fc1.in" },
                      { "from": "fc1.out", "to": "drop.in" }, { "from": "drop.out", "to": "act.in" },
                      { "from": "act.out", "to": "answer.in" }
                    ]
                  },
                  "search": {
                    "objectives": [ { "metric": "accuracy", "direction": "maximize" } ],
                    "budget": { "trials": 20 },
                    "parameters": %s
                  }
                }
                """.formatted(parametersJson);
    }

    /** Four valid entries: one of each kind, and a training setting. */
    public static final String FOUR = """
            [
              { "target": "node:fc1.units", "kind": "int", "low": 64, "high": 256, "log": true },
              { "target": "node:drop.rate", "kind": "float", "low": 0.0, "high": 0.5 },
              { "target": "node:act.function", "kind": "choices", "choices": ["ReLU", "GELU"] },
              { "target": "training.learningRate", "kind": "float", "low": 0.0001, "high": 0.01, "log": true }
            ]""";
}
