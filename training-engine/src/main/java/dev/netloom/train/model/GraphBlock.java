package dev.netloom.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.netloom.graph.Edge;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.TensorType;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.NodeReport;
import dev.netloom.graph.catalog.Category;
import dev.netloom.train.quantize.WeightQuantization;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole analysed graph as one DJL block. It owns every weight directly, named
 * {@code nodeId.local} exactly as the model artifact stores them, and runs the nodes' modules
 * in the analyser's order.
 *
 * <p>Inputs: one array per input node, in graph order ({@link #inputIds()}). Outputs: one array
 * per head, in graph order ({@link #headIds()}); while training, one more scalar follows, the sum
 * of auxiliary losses (MoE load balancing, already weighted; zero when there are none).
 */
public final class GraphBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final GraphAnalysis analysis;
    private final List<String> inputIds = new ArrayList<>();
    private final List<String> headIds = new ArrayList<>();
    private final Map<String, LayerModule> modules = new LinkedHashMap<>();
    private final Map<String, Map<String, Parameter>> weights = new HashMap<>();
    private final Map<String, Map<String, PortRef>> sources = new HashMap<>();
    private volatile Map<String, long[]> lastRouting = Map.of();
    private volatile java.util.Set<String> fixedNodes = java.util.Set.of();
    private volatile WeightQuantization quantization;

    /** Builds the block for a valid analysis; modules and weights are made here, arrays at initialisation. */
    public GraphBlock(GraphAnalysis analysis) {
        super(VERSION);
        if (!analysis.isValid()) {
            throw new IllegalArgumentException("the graph has problems: " + analysis.problems().get(0));
        }
        this.analysis = analysis;
        for (String id : analysis.order()) {
            NodeReport r = analysis.report(id).orElseThrow();
            if (r.spec().category() == Category.INPUTS) {
                inputIds.add(id);
            } else if (r.spec().category() == Category.HEADS) {
                headIds.add(id);
            }
            LayerModule module = LayerModules.forNode(r);
            modules.put(id, module);
            Map<String, Parameter> own = new LinkedHashMap<>();
            for (WeightSpec w : module.weights()) {
                own.put(w.name(), addParameter(Parameter.builder()
                        .setName(id + "." + w.name())
                        .setType(w.type())
                        .optShape(w.shape())
                        .optInitializer(w.initializer())
                        .optRequiresGrad(w.trainable())
                        .build()));
            }
            weights.put(id, own);
        }
        for (Edge e : analysis.graph().edges()) {
            sources.computeIfAbsent(e.to().nodeId(), k -> new HashMap<>()).put(e.to().port(), e.from());
        }
        // Graph order, not analysis order, is what users see and what the artifact records.
        List<String> graphOrder = analysis.graph().nodes().stream().map(n -> n.id()).toList();
        inputIds.sort((a, b) -> graphOrder.indexOf(a) - graphOrder.indexOf(b));
        headIds.sort((a, b) -> graphOrder.indexOf(a) - graphOrder.indexOf(b));
    }

    public GraphAnalysis analysis() {
        return analysis;
    }

    /** Input node ids, in the order {@link #forward} takes their arrays. */
    public List<String> inputIds() {
        return Collections.unmodifiableList(inputIds);
    }

    /** Head node ids, in the order of the outputs. */
    public List<String> headIds() {
        return Collections.unmodifiableList(headIds);
    }

    /** Every weight by its artifact name {@code nodeId.local}, in a stable order. */
    public Map<String, Parameter> weightsByName() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        for (String id : modules.keySet()) {
            weights.get(id).values().forEach(p -> all.put(p.getName(), p));
        }
        return all;
    }

    /**
     * Nodes that compute as at inference even while the model trains: a frozen node must stay
     * exactly what it was, and a BatchNorm in training mode both normalises with the batch's
     * statistics and overwrites its running ones. A frozen BatchNorm therefore normalises with, and
     * keeps, the statistics it learned (as Keras does for a non-trainable BatchNormalization).
     */
    public void computeAsInference(java.util.Set<String> nodeIds) {
        this.fixedNodes = java.util.Set.copyOf(nodeIds);
    }

    /**
     * Trains (and predicts) for a precision: from now on every forward pass computes with the
     * weights rounded as the plan says, the gradient passing straight through to the
     * full-precision weights ({@link dev.netloom.train.quantize.FakeQuantizer}). Null: none.
     */
    public void quantize(WeightQuantization plan) {
        this.quantization = plan;
    }

    /** The precision this block computes at, if it was set ({@link #quantize}). */
    public java.util.Optional<WeightQuantization> quantization() {
        return java.util.Optional.ofNullable(quantization);
    }

    /** Tokens each expert of each MoE node received in the last forward pass. */
    public Map<String, long[]> lastRouting() {
        return lastRouting;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        ForwardContext context = new ForwardContext();
        Map<PortRef, NDArray> values = run(store, inputs, training, context, null);
        NDList result = new NDList();
        headIds.forEach(id -> result.add(values.get(new PortRef(id, "out"))));
        if (training) {
            NDArray aux = inputs.head().getManager().zeros(new Shape(), DataType.FLOAT32);
            for (NDArray a : context.auxiliaryLosses()) {
                aux = aux.add(a);
            }
            result.add(aux);
        }
        return result;
    }

    /**
     * Runs the graph, without training, only as far as one node, and returns that node's output:
     * for looking inside a model (tests, parity checks of an export layer by layer).
     */
    public NDArray outputOf(ParameterStore store, NDList inputs, String nodeId) {
        if (!modules.containsKey(nodeId)) {
            throw new IllegalArgumentException("no node " + nodeId);
        }
        return run(store, inputs, false, new ForwardContext(), nodeId).get(new PortRef(nodeId, "out"));
    }

    private Map<PortRef, NDArray> run(ParameterStore store, NDList inputs, boolean training, ForwardContext context,
                                      String stopAfter) {
        if (inputs.size() != inputIds.size()) {
            throw new IllegalArgumentException("the model takes " + inputIds.size() + " inputs " + inputIds
                    + ", got " + inputs.size());
        }
        Map<PortRef, NDArray> values = new HashMap<>();
        for (String id : modules.keySet()) {
            NDArray out;
            int input = inputIds.indexOf(id);
            if (input >= 0) {
                out = inputs.get(input);
            } else {
                Map<String, NDArray> in = new HashMap<>();
                sources.getOrDefault(id, Map.of()).forEach((port, from) -> in.put(port, values.get(from)));
                Map<String, NDArray> w = new HashMap<>();
                NDArray any = in.values().iterator().next();
                WeightQuantization q = quantization;
                weights.get(id).forEach((name, p) -> {
                    NDArray value = store.getValue(p, any.getDevice(), training);
                    w.put(name, q == null ? value : q.forWeight(id, name)
                            .map(f -> f.apply(value, any.getManager(), training)).orElse(value));
                });
                boolean nodeTraining = training && !fixedNodes.contains(id);
                out = modules.get(id).forward(new LayerCall(id, in, w, nodeTraining, context));
            }
            values.put(new PortRef(id, "out"), out);
            if (id.equals(stopAfter)) {
                break;
            }
        }
        lastRouting = context.routing();
        return values;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        Shape[] out = new Shape[headIds.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = batched(batch, analysis.report(headIds.get(i)).orElseThrow().out());
        }
        return out;
    }

    /** A node type's shape with a batch dimension in front. */
    static Shape batched(long batch, TensorType type) {
        long[] dims = new long[type.rank() + 1];
        dims[0] = batch;
        for (int i = 0; i < type.rank(); i++) {
            dims[i + 1] = type.dim(i);
        }
        return new Shape(dims);
    }
}
