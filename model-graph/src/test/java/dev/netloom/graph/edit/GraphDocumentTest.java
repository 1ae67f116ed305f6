package dev.netloom.graph.edit;

import dev.netloom.graph.Edge;
import dev.netloom.graph.Graph;
import dev.netloom.graph.GraphBuilder;
import dev.netloom.graph.Node;
import dev.netloom.graph.PortRef;
import dev.netloom.graph.Position;
import dev.netloom.graph.analysis.Fix;
import dev.netloom.graph.analysis.GraphAnalysis;
import dev.netloom.graph.analysis.GraphAnalyzer;
import dev.netloom.graph.analysis.Problem;
import dev.netloom.graph.catalog.LayerCatalog;
import dev.netloom.graph.catalog.LayerSpec;
import dev.netloom.graph.catalog.ParamSpec;
import dev.netloom.graph.catalog.PortSpec;
import dev.netloom.graph.project.ProjectFile;
import dev.netloom.graph.project.Templates;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edit API: every edit type applies, undoes and redoes exactly; refused edits change
 * nothing; history, the modified flag and listeners behave; the connection rules say why not.
 */
class GraphDocumentTest {

    private static final LayerCatalog CATALOG = LayerCatalog.standard();
    private static final GraphAnalyzer ANALYZER = new GraphAnalyzer(CATALOG);

    /** A valid little model: in (Tabular 16) -> fc (Dense 32) -> act (ReLU) -> head (3 classes). */
    private static Graph mlp() {
        return GraphBuilder.graph()
                .node("in", "Tabular", "features", 16)
                .node("fc", "Dense", "units", 32)
                .node("act", "Activation")
                .node("head", "Classification", "classes", 3)
                .chain("in", "fc", "act", "head")
                .build();
    }

    private final Graph start = mlp();
    private GraphDocument doc = new GraphDocument(CATALOG, start);
    private final List<Graph> heard = new ArrayList<>();

    {
        doc.addListener(heard::add);
    }

    private void open(Graph graph) {
        doc = new GraphDocument(CATALOG, graph);
        heard.clear();
        doc.addListener(heard::add);
    }

    /** Applies an edit that must be accepted; returns the graph after it. */
    private Graph apply(Edit edit) {
        EditResult result = doc.apply(edit);
        assertThat(result.refusal()).as("refusal of %s", edit).isEmpty();
        assertThat(result.applied()).isTrue();
        return doc.graph();
    }

    /** Applies an edit that must be refused, checks that nothing at all changed, and returns the reason. */
    private String refusal(Edit edit) {
        Graph before = doc.graph();
        boolean couldUndo = doc.canUndo();
        boolean couldRedo = doc.canRedo();
        Optional<String> undoLabel = doc.undoDescription();
        Optional<String> redoLabel = doc.redoDescription();
        boolean modified = doc.isModified();
        int calls = heard.size();

        EditResult result = doc.apply(edit);

        assertThat(result.applied()).as("applied %s", edit).isFalse();
        assertThat(doc.graph()).isSameAs(before);
        assertThat(doc.canUndo()).isEqualTo(couldUndo);
        assertThat(doc.canRedo()).isEqualTo(couldRedo);
        assertThat(doc.undoDescription()).isEqualTo(undoLabel);
        assertThat(doc.redoDescription()).isEqualTo(redoLabel);
        assertThat(doc.isModified()).isEqualTo(modified);
        assertThat(heard).hasSize(calls);
        return result.refusal().orElseThrow();
    }

    @Test
    void aMoveBeyondWhatAFileCanHoldIsRefusedSoEverySavedGraphReopens() {
        Node fc = doc.graph().requireNode("fc");
        AddFragment farPaste = new AddFragment(List.of(fc.withPosition(new Position(Position.LIMIT, 0))), List.of(),
                Position.LIMIT, 0);

        assertThat(refusal(farPaste)).contains("within ±1e9");
    }

    @Test
    void pastingANodeWithAValueItsTypeDoesNotAllowIsRefusedLikeAddingIt() {
        Node bad = doc.graph().requireNode("fc").withParam("units", 0);

        assertThat(refusal(new AddFragment(List.of(bad), List.of(), 10, 10)))
                .isEqualTo("units must be an integer from 1 to 65536, got 0");
    }

    /** The document holds {@code after}; one undo gives {@code before}, one redo {@code after} again. */
    private void assertOneStepBetween(Graph before, Graph after) {
        assertThat(doc.graph()).isEqualTo(after);
        assertThat(doc.undo()).isTrue();
        assertThat(doc.graph()).isEqualTo(before);
        assertThat(doc.canUndo()).as("one step only").isFalse();
        assertThat(doc.redo()).isTrue();
        assertThat(doc.graph()).isEqualTo(after);
        assertThat(doc.canRedo()).isFalse();
    }

    private static ConnectionRules rules(Graph graph) {
        return new ConnectionRules(ANALYZER.analyze(graph), CATALOG);
    }

    private static PortRef port(String text) {
        return PortRef.parse(text);
    }

    // ---------------------------------------------------------------- AddNode

    @Test
    void addNodeAddsANodeWithTheTypesDefaultsAndIsUndoneAndRedone() {
        Graph after = apply(AddNode.of(doc.graph(), CATALOG, "Dropout", new Position(50, 80)));

        Node dropout = after.requireNode("dropout");
        assertThat(dropout.type()).isEqualTo("Dropout");
        assertThat(dropout.params()).isEqualTo(Map.of("rate", 0.1));
        assertThat(dropout.position()).isEqualTo(new Position(50, 80));
        assertThat(doc.undoDescription()).contains("add Dropout");
        assertOneStepBetween(start, after);
    }

    @Test
    void addNodeOfATypeAlreadyPresentGetsAFreshId() {
        apply(AddNode.of(doc.graph(), CATALOG, "Dense", Position.ORIGIN));
        Graph after = apply(AddNode.of(doc.graph(), CATALOG, "Dense", Position.ORIGIN));

        assertThat(after.nodes()).extracting(Node::id).containsExactly("in", "fc", "act", "head", "dense", "dense2");
    }

    @Test
    void addNodeIsRefusedForATakenIdAnUnknownTypeOrABadParameter() {
        assertThat(refusal(new AddNode(new Node("fc", "Dense", Map.of(), Position.ORIGIN, ""))))
                .isEqualTo("a node with id \"fc\" already exists");
        assertThat(refusal(new AddNode(new Node("x", "Dens", Map.of(), Position.ORIGIN, ""))))
                .isEqualTo("unknown layer type \"Dens\"; did you mean Dense?");
        assertThat(refusal(new AddNode(new Node("x", "Dense", Map.of("units", 0), Position.ORIGIN, ""))))
                .isEqualTo("units must be an integer from 1 to 65536, got 0");
        assertThat(refusal(new AddNode(new Node("x", "Dense", Map.of("size", 3), Position.ORIGIN, ""))))
                .isEqualTo("Dense has no parameter \"size\"");
    }

    // ---------------------------------------------------------------- RemoveNodes

    @Test
    void removingANodeRemovesItsEdgesAndUndoBringsBothBack() {
        Graph after = apply(new RemoveNodes(Set.of("fc")));

        assertThat(after.nodes()).extracting(Node::id).containsExactly("in", "act", "head");
        assertThat(after.edges()).containsExactly(Edge.of("act.out", "head.in"));
        assertOneStepBetween(start, after);
        doc.undo();
        assertThat(doc.graph().edges()).containsExactlyElementsOf(start.edges());
    }

    @Test
    void removingSeveralNodesIsOneStep() {
        Graph after = apply(new RemoveNodes(Set.of("fc", "act")));

        assertThat(after.nodes()).extracting(Node::id).containsExactly("in", "head");
        assertThat(after.edges()).isEmpty();
        assertThat(doc.undoDescription()).contains("delete 2 nodes");
        assertOneStepBetween(start, after);
    }

    @Test
    void removingNothingOrAMissingNodeIsRefusedAndRemovesNothing() {
        assertThat(refusal(new RemoveNodes(Set.of()))).isEqualTo("nothing is selected");
        assertThat(refusal(new RemoveNodes(Set.of("fc", "ghost")))).isEqualTo("no node \"ghost\"");
    }

    // ---------------------------------------------------------------- Connect

    @Test
    void connectAddsAnEdgeAndUndoRemovesIt() {
        Graph open = start.withoutEdge(Edge.of("act.out", "head.in"));
        open(open);

        Graph after = apply(new Connect(Edge.of("act.out", "head.in")));

        assertThat(after).isEqualTo(start);
        assertOneStepBetween(open, after);
    }

    @Test
    void connectingAnOccupiedInputReplacesItsEdgeInOneStep() {
        Graph twoInputs = GraphBuilder.graph()
                .node("in", "Tabular", "features", 16)
                .node("in2", "Tabular", "features", 8)
                .node("fc", "Dense")
                .node("head", "Classification")
                .chain("in", "fc", "head")
                .build();
        open(twoInputs);

        Graph after = apply(new Connect(Edge.of("in2.out", "fc.in")));

        assertThat(after.edges()).containsExactlyInAnyOrder(Edge.of("in2.out", "fc.in"), Edge.of("fc.out", "head.in"));
        assertOneStepBetween(twoInputs, after);
    }

    @Test
    void connectIsRefusedWithTheConnectionRulesReason() {
        assertThat(refusal(new Connect(Edge.of("fc.out", "fc.in")))).isEqualTo("a layer cannot feed itself");
        assertThat(refusal(new Connect(Edge.of("in.out", "fc.in")))).isEqualTo("these ports are already connected");
    }

    // ---------------------------------------------------------------- Disconnect

    @Test
    void disconnectRemovesOneEdgeAndUndoRestoresIt() {
        Graph after = apply(new Disconnect(Edge.of("fc.out", "act.in")));

        assertThat(after.nodes()).isEqualTo(start.nodes());
        assertThat(after.edges()).containsExactly(Edge.of("in.out", "fc.in"), Edge.of("act.out", "head.in"));
        assertOneStepBetween(start, after);
    }

    @Test
    void disconnectingAMissingEdgeIsRefused() {
        assertThat(refusal(new Disconnect(Edge.of("in.out", "head.in"))))
                .isEqualTo("there is no connection in.out -> head.in");
    }

    // ---------------------------------------------------------------- SetParam

    @Test
    void setParamChangesOneValueAndUndoRestoresIt() {
        Graph after = apply(new SetParam("fc", "units", 64));

        assertThat(after.requireNode("fc").params()).isEqualTo(Map.of("units", 64, "bias", true));
        assertThat(doc.undoDescription()).contains("set fc.units");
        assertOneStepBetween(start, after);
    }

    @Test
    void setParamStoresTheValueInTheParametersOwnForm() {
        Graph after = apply(new SetParam("fc", "units", 64L));

        assertThat(after.requireNode("fc").params().get("units")).isInstanceOf(Integer.class).isEqualTo(64);
    }

    @Test
    void setParamRefusesAValueOutsideTheRangeAndSaysWhy() {
        assertThat(refusal(new SetParam("fc", "units", 0))).isEqualTo("units must be an integer from 1 to 65536, got 0");
        assertThat(refusal(new SetParam("fc", "units", 70_000)))
                .isEqualTo("units must be an integer from 1 to 65536, got 70000");
        assertThat(refusal(new SetParam("fc", "units", "64"))).isEqualTo("units must be an integer from 1 to 65536, got \"64\"");
        assertThat(refusal(new SetParam("act", "function", "Swish")))
                .isEqualTo("function must be one of ReLU, ReLU6, LeakyReLU, GELU, SiLU, Hardswish, Sigmoid, Hardsigmoid, "
                        + "Tanh, Softmax, got \"Swish\"");
        assertThat(refusal(new SetParam("fc", "unitz", 64))).isEqualTo("Dense has no parameter \"unitz\"");
        assertThat(refusal(new SetParam("ghost", "units", 64))).isEqualTo("no node \"ghost\"");
    }

    // ---------------------------------------------------------------- MoveNodes and SetLabel

    @Test
    void movingSeveralNodesIsOneStep() {
        Graph after = apply(new MoveNodes(Map.of("fc", new Position(10, 20), "act", new Position(-5, 7.5))));

        assertThat(after.requireNode("fc").position()).isEqualTo(new Position(10, 20));
        assertThat(after.requireNode("act").position()).isEqualTo(new Position(-5, 7.5));
        assertThat(after.edges()).isEqualTo(start.edges());
        assertOneStepBetween(start, after);
    }

    @Test
    void movingAMissingNodeIsRefusedAndMovesNoneOfTheOthers() {
        assertThat(refusal(new MoveNodes(Map.of("fc", new Position(10, 20), "ghost", Position.ORIGIN))))
                .isEqualTo("no node \"ghost\"");
    }

    @Test
    void setLabelRenamesWhatIsShownButNotTheId() {
        Graph after = apply(new SetLabel("fc", "Hidden layer"));

        assertThat(after.requireNode("fc").label()).isEqualTo("Hidden layer");
        assertThat(after.requireNode("fc").displayName()).isEqualTo("Hidden layer");
        assertOneStepBetween(start, after);
    }

    @Test
    void setLabelIsRefusedForATooLongLabelOrAMissingNode() {
        assertThat(refusal(new SetLabel("fc", "x".repeat(SetLabel.MAX_LENGTH + 1))))
                .isEqualTo("a label has at most 80 characters");
        assertThat(refusal(new SetLabel("ghost", "x"))).isEqualTo("no node \"ghost\"");
    }

    // ---------------------------------------------------------------- InsertOnEdge

    /** image -> conv -> fc: a feature map fed to Dense, which the analyser offers to fix with a Flatten. */
    private static Graph convStraightIntoDense() {
        return GraphBuilder.graph()
                .node("image", "Image", "height", 28, "width", 28, "channels", 1)
                .node("conv", "Conv2d", "filters", 8)
                .node("fc", "Dense", "units", 16)
                .node("head", "Classification", "classes", 10)
                .chain("image", "conv", "fc", "head")
                .build();
    }

    @Test
    void insertOnEdgeBuiltFromTheAnalysersFixMakesTheGraphValidAndIsUndone() {
        Graph broken = convStraightIntoDense();
        open(broken);
        GraphAnalysis before = ANALYZER.analyze(broken);
        Fix fix = before.problems().stream().map(Problem::fix).flatMap(Optional::stream).findFirst().orElseThrow();
        assertThat(fix.description()).isEqualTo("insert Flatten between conv and fc");

        Graph after = apply(InsertOnEdge.of(fix));

        GraphAnalysis analysis = ANALYZER.analyze(after);
        assertThat(analysis.problems()).isEmpty();
        assertThat(analysis.isValid()).isTrue();
        assertThat(after.edges()).contains(Edge.of("conv.out", "flatten.in"), Edge.of("flatten.out", "fc.in"))
                .doesNotContain(Edge.of("conv.out", "fc.in"));
        assertThat(after.requireNode("flatten").position()).isEqualTo(new Position(300, 0));
        assertOneStepBetween(broken, after);
    }

    @Test
    void insertOnEdgeIsRefusedForAMissingEdgeOrATypeWithoutPorts() {
        assertThat(refusal(new InsertOnEdge(Edge.of("in.out", "head.in"), "Flatten")))
                .isEqualTo("there is no connection in.out -> head.in");
        assertThat(refusal(new InsertOnEdge(Edge.of("in.out", "fc.in"), "Image"))).isEqualTo("Image cannot sit on a connection");
        assertThat(refusal(new InsertOnEdge(Edge.of("in.out", "fc.in"), "Flaten")))
                .isEqualTo("unknown layer type \"Flaten\"; did you mean Flatten?");
    }

    // ---------------------------------------------------------------- AddFragment

    @Test
    void pastingCopiesNodesWithFreshIdsShiftedAndOnlyTheEdgesAmongThem() {
        Graph after = apply(AddFragment.copyOf(start, Set.of("fc", "act"), 40, 60));

        assertThat(after.nodes()).extracting(Node::id).containsExactly("in", "fc", "act", "head", "fc2", "act2");
        Node fc2 = after.requireNode("fc2");
        assertThat(fc2.type()).isEqualTo("Dense");
        assertThat(fc2.params()).isEqualTo(start.requireNode("fc").params());
        assertThat(fc2.position()).isEqualTo(start.requireNode("fc").position().plus(40, 60));
        assertThat(after.edges()).containsExactlyElementsOf(concat(start.edges(), Edge.of("fc2.out", "act2.in")));
        assertOneStepBetween(start, after);
    }

    @Test
    void pastingTheSameFragmentTwiceGivesNewIdsEachTime() {
        AddFragment copy = AddFragment.copyOf(start, Set.of("fc"), 10, 10);
        apply(copy);

        Graph after = apply(copy);

        assertThat(after.nodes()).extracting(Node::id).containsExactly("in", "fc", "act", "head", "fc2", "fc3");
    }

    @Test
    void pastingANodeWhoseIdHasTheLongestLengthGivesAValidFreshId() {
        String longest = "n".repeat(64);
        open(GraphBuilder.graph().node(longest, "Dense").build());

        Graph after = apply(AddFragment.copyOf(doc.graph(), Set.of(longest), 10, 10));

        assertThat(after.nodes()).hasSize(2);
        assertThat(after.nodes()).extracting(Node::id).allMatch(Node::isValidId).doesNotHaveDuplicates();
    }

    @Test
    void aFragmentListingTheSameNodeTwiceIsRefused() {
        Node fc = start.requireNode("fc");

        assertThat(refusal(new AddFragment(List.of(fc, fc), List.of(), 0, 0)))
                .isEqualTo("the fragment holds two nodes with the id \"fc\"");
    }

    @Test
    void pastingNothingIsRefused() {
        assertThat(refusal(new AddFragment(List.of(), List.of(), 0, 0))).isEqualTo("nothing to paste");
    }

    // ---------------------------------------------------------------- CompoundEdit

    @Test
    void aCompoundEditAppliesAllOrNothing() {
        CompoundEdit halfBad = new CompoundEdit("resize", List.of(new SetParam("fc", "units", 64),
                new SetParam("head", "classes", 1)));

        assertThat(refusal(halfBad)).isEqualTo("classes must be an integer from 2 to 100000, got 1");
        assertThat(doc.graph().requireNode("fc").params().get("units")).isEqualTo(32);
    }

    @Test
    void aCompoundEditIsUndoneInOneStep() {
        CompoundEdit insertDropout = new CompoundEdit("insert dropout", List.of(
                new AddNode(new Node("drop", "Dropout", Map.of("rate", 0.3), Position.ORIGIN, "")),
                new Connect(Edge.of("fc.out", "drop.in")),
                new Connect(Edge.of("drop.out", "act.in"))));

        Graph after = apply(insertDropout);

        assertThat(after.edges()).contains(Edge.of("fc.out", "drop.in"), Edge.of("drop.out", "act.in"))
                .doesNotContain(Edge.of("fc.out", "act.in"));
        assertThat(ANALYZER.analyze(after).isValid()).isTrue();
        assertThat(doc.undoDescription()).contains("insert dropout");
        assertOneStepBetween(start, after);
    }

    // ---------------------------------------------------------------- history, modified flag, listeners

    @Test
    void aRefusedEditLeavesUndoAndRedoAsTheyWere() {
        apply(new SetParam("fc", "units", 64));
        Graph second = apply(new SetLabel("fc", "wide"));
        doc.undo();

        refusal(new SetParam("fc", "units", -1));

        assertThat(doc.undoDescription()).contains("set fc.units");
        assertThat(doc.redoDescription()).contains("rename fc");
        assertThat(doc.redo()).isTrue();
        assertThat(doc.graph()).isEqualTo(second);
    }

    @Test
    void aNewEditClearsRedo() {
        apply(new SetParam("fc", "units", 64));
        doc.undo();
        assertThat(doc.canRedo()).isTrue();

        apply(new SetLabel("fc", "hidden"));

        assertThat(doc.canRedo()).isFalse();
        assertThat(doc.redo()).isFalse();
        assertThat(doc.graph().requireNode("fc").params().get("units")).isEqualTo(32);
    }

    @Test
    void undoAndRedoWithNothingToDoReturnFalseAndChangeNothing() {
        assertThat(doc.undo()).isFalse();
        assertThat(doc.redo()).isFalse();
        assertThat(doc.graph()).isSameAs(start);
        assertThat(heard).isEmpty();
    }

    @Test
    void anEditThatChangesNothingAddsNoStep() {
        EditResult result = doc.apply(new MoveNodes(Map.of("fc", start.requireNode("fc").position())));

        assertThat(result.applied()).isTrue();
        assertThat(doc.canUndo()).isFalse();
        assertThat(heard).isEmpty();
    }

    @Test
    void undoRemembersAtMostTheHistoryLimit() {
        for (int i = 0; i < GraphDocument.HISTORY_LIMIT + 20; i++) {
            apply(new SetParam("fc", "units", 100 + i));
        }

        int undone = 0;
        while (doc.undo()) {
            undone++;
        }

        assertThat(undone).isEqualTo(GraphDocument.HISTORY_LIMIT);
        assertThat(doc.graph().requireNode("fc").params().get("units")).isEqualTo(100 + 19);
    }

    @Test
    void isModifiedFollowsEditsUndoAndSaves() {
        assertThat(doc.isModified()).isFalse();

        apply(new SetParam("fc", "units", 64));
        assertThat(doc.isModified()).isTrue();

        doc.undo();
        assertThat(doc.isModified()).as("back to what was opened").isFalse();

        doc.redo();
        doc.markSaved();
        assertThat(doc.isModified()).isFalse();

        doc.undo();
        assertThat(doc.isModified()).as("differs from what was saved").isTrue();
    }

    @Test
    void resetForgetsHistoryAndCountsAsSaved() {
        apply(new SetParam("fc", "units", 64));
        Graph other = convStraightIntoDense();

        doc.reset(other);

        assertThat(doc.graph()).isEqualTo(other);
        assertThat(doc.canUndo()).isFalse();
        assertThat(doc.canRedo()).isFalse();
        assertThat(doc.isModified()).isFalse();
    }

    @Test
    void listenersHearEachChangeOnceWithTheNewGraph() {
        Graph afterEdit = apply(new SetParam("fc", "units", 64));
        assertThat(heard).containsExactly(afterEdit);

        doc.undo();
        assertThat(heard).containsExactly(afterEdit, start);

        doc.redo();
        assertThat(heard).containsExactly(afterEdit, start, afterEdit);

        refusal(new SetParam("fc", "units", 0));
        assertThat(heard).hasSize(3);
    }

    @Test
    void aRemovedListenerHearsNoMore() {
        List<Graph> other = new ArrayList<>();
        java.util.function.Consumer<Graph> listener = other::add;
        doc.addListener(listener);
        apply(new SetParam("fc", "units", 64));

        doc.removeListener(listener);
        doc.undo();

        assertThat(other).hasSize(1);
        assertThat(heard).hasSize(2);
    }

    // ---------------------------------------------------------------- ConnectionRules

    @Test
    void rulesRefuseASelfLoop() {
        assertThat(rules(start).check(port("fc.out"), port("fc.in"))).contains("a layer cannot feed itself");
    }

    @Test
    void rulesRefuseACycle() {
        assertThat(rules(start).check(port("act.out"), port("fc.in")))
                .contains("this would make a cycle; a model flows one way, from inputs to heads");
        assertThat(rules(start).check(port("head.out"), port("fc.in"))).as("a longer cycle").isPresent()
                .get().asString().startsWith("this would make a cycle");
    }

    @Test
    void rulesRefuseUnknownNodesAndPorts() {
        ConnectionRules rules = rules(start);

        assertThat(rules.check(port("ghost.out"), port("fc.in"))).contains("no node \"ghost\"");
        assertThat(rules.check(port("in.out"), port("ghost.in"))).contains("no node \"ghost\"");
        assertThat(rules.check(port("fc.output"), port("head.in"))).contains("Dense has no output \"output\"");
        assertThat(rules.check(port("fc.out"), port("head.input"))).contains("Classification has no input \"input\"");
        assertThat(rules.check(port("fc.in"), port("head.in"))).as("an input used as output")
                .contains("Dense has no output \"in\"");
    }

    @Test
    void rulesRefuseAKindMismatchNamingWhatThePortTakesAndWhatArrives() {
        Graph graph = GraphBuilder.graph()
                .node("in", "Tabular", "features", 16)
                .node("fc", "Dense", "units", 128)
                .node("conv", "Conv2d")
                .node("image", "Image")
                .node("dense2", "Dense")
                .edge("in.out", "fc.in")
                .build();
        ConnectionRules rules = rules(graph);

        assertThat(rules.check(port("fc.out"), port("conv.in")))
                .contains("Conv2d takes image here; this output is vector [N, 128]");
        assertThat(rules.check(port("image.out"), port("dense2.in")))
                .contains("Dense takes sequence or vector here; this output is image [N, 1, 28, 28]");
    }

    @Test
    void rulesAllowValidConnectionsIncludingOntoAnOccupiedInput() {
        Graph open = start.withoutEdge(Edge.of("act.out", "head.in"));
        ConnectionRules rules = rules(open);

        assertThat(rules.check(port("act.out"), port("head.in"))).isEmpty();
        assertThat(rules.check(port("in.out"), port("act.in"))).as("occupied input: Connect replaces its edge").isEmpty();
        assertThat(rules.check(port("in.out"), port("head.in"))).as("skipping layers").isEmpty();
    }

    private static <T> List<T> concat(List<T> list, T last) {
        List<T> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    // ---------------------------------------------------------------- property: undo all, redo all

    private static final Map<String, Graph> TEMPLATES = new LinkedHashMap<>();

    static {
        new Templates(new ProjectFile(CATALOG)).all().forEach(t -> TEMPLATES.put(t.name(), t.project().graph()));
    }

    @Property(tries = 200)
    void undoingEveryEditRestoresTheTemplateAndRedoingEveryEditRestoresTheEnd(
            @ForAll("templateNames") String template, @ForAll("gestures") List<Gesture> gestures) {
        // Both kinds of gesture must be common, or the property would test only one of them.
        Statistics.coverage(c -> {
            c.check("applied").percentage(p -> p >= 20);
            c.check("refused").percentage(p -> p >= 10);
        });
        Graph original = TEMPLATES.get(template);
        GraphDocument document = new GraphDocument(CATALOG, original);
        int steps = 0;
        for (Gesture gesture : gestures) {
            Graph before = document.graph();
            Optional<String> undoLabel = document.undoDescription();
            Edit edit = gesture.edit(before);

            EditResult result = document.apply(edit);

            if (result.applied()) {
                steps += document.graph().equals(before) ? 0 : 1;
                Statistics.collect("applied");
            } else {
                assertThat(result.refusal()).as("reason for refusing %s", edit).get().asString().isNotBlank();
                assertThat(document.graph()).isSameAs(before);
                assertThat(document.undoDescription()).isEqualTo(undoLabel);
                Statistics.collect("refused");
            }
        }
        Graph end = document.graph();

        int undone = 0;
        while (document.undo()) {
            undone++;
        }
        assertThat(undone).isEqualTo(steps);
        assertThat(document.graph()).isEqualTo(original);
        assertThat(document.isModified()).isFalse();

        int redone = 0;
        while (document.redo()) {
            redone++;
        }
        assertThat(redone).isEqualTo(steps);
        assertThat(document.graph()).isEqualTo(end);
    }

    @Provide
    Arbitrary<String> templateNames() {
        return Arbitraries.of(TEMPLATES.keySet());
    }

    @Provide
    Arbitrary<List<Gesture>> gestures() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1_000_000);
        return Combinators.combine(Arbitraries.of(Gesture.Kind.values()), pick, pick, pick,
                        Arbitraries.integers().between(0, 3))
                .as(Gesture::new)
                .list().ofMinSize(1).ofMaxSize(40).withSizeDistribution(RandomDistribution.uniform());
    }

    /**
     * A user gesture as a recipe of random choices, made into an edit against the graph of the
     * moment: which node, port, parameter or value is picked by {@code a}, {@code b}, {@code c}
     * modulo what exists; {@code wrong == 0} makes it a gesture that should be refused.
     */
    record Gesture(Kind kind, int a, int b, int c, int wrong) {

        enum Kind { ADD, REMOVE, CONNECT, DISCONNECT, SET_PARAM, MOVE, LABEL, INSERT, APPLY_FIX, PASTE, COMPOUND }

        Edit edit(Graph g) {
            List<Node> nodes = g.nodes();
            List<LayerSpec> types = CATALOG.all();
            boolean bad = wrong == 0;
            if (nodes.isEmpty() && kind != Kind.ADD) {
                return AddNode.of(g, CATALOG, types.get(a % types.size()).type(), Position.ORIGIN);
            }
            Node node = nodes.isEmpty() ? null : nodes.get(a % nodes.size());
            Node other = nodes.isEmpty() ? null : nodes.get(b % nodes.size());
            LayerSpec spec = node == null ? null : CATALOG.require(node.type());
            return switch (kind) {
                case ADD -> bad
                        ? new AddNode(new Node(node == null ? "x" : node.id(), types.get(b % types.size()).type(),
                                Map.of(), Position.ORIGIN, ""))
                        : AddNode.of(g, CATALOG, types.get(b % types.size()).type(), new Position(b % 900, c % 900));
                case REMOVE -> bad ? new RemoveNodes(Set.of("ghost")) : new RemoveNodes(new LinkedHashSet<>(List.of(node.id(), other.id())));
                case CONNECT -> {
                    List<PortSpec> outs = spec.outputs();
                    List<PortSpec> ins = CATALOG.require(other.type()).inputs();
                    String from = outs.isEmpty() || bad ? "nowhere" : outs.get(c % outs.size()).name();
                    String to = ins.isEmpty() ? "in" : ins.get(c % ins.size()).name();
                    yield new Connect(new Edge(new PortRef(node.id(), from), new PortRef(other.id(), to)));
                }
                case DISCONNECT -> bad || g.edges().isEmpty()
                        ? new Disconnect(new Edge(new PortRef(node.id(), "out"), new PortRef(other.id(), "in")))
                        : new Disconnect(g.edges().get(b % g.edges().size()));
                case SET_PARAM -> {
                    if (spec.params().isEmpty()) {
                        yield new SetParam(node.id(), "nothing", 1);
                    }
                    ParamSpec p = spec.params().get(b % spec.params().size());
                    yield new SetParam(node.id(), p.name(), bad ? outOfRange(p) : inRange(p, c));
                }
                case MOVE -> new MoveNodes(Map.of(bad ? "ghost" : node.id(), new Position(b % 5000 - 2500, c % 5000)));
                case LABEL -> new SetLabel(node.id(), bad ? "x".repeat(SetLabel.MAX_LENGTH + 1) : "label " + b % 7);
                case INSERT -> g.edges().isEmpty()
                        ? new InsertOnEdge(Edge.of("ghost.out", "ghost.in"), "Flatten")
                        : new InsertOnEdge(g.edges().get(b % g.edges().size()), types.get(c % types.size()).type());
                case APPLY_FIX -> ANALYZER.analyze(g).problems().stream().map(Problem::fix).flatMap(Optional::stream)
                        .findFirst().<Edit>map(InsertOnEdge::of)
                        .orElse(new InsertOnEdge(Edge.of("ghost.out", "ghost.in"), "Flatten"));
                case PASTE -> bad
                        ? new AddFragment(List.of(), List.of(), 0, 0)
                        : AddFragment.copyOf(g, new LinkedHashSet<>(List.of(node.id(), other.id())), b % 300, c % 300);
                case COMPOUND -> new CompoundEdit("gesture " + a, List.of(
                        new Gesture(Kind.values()[b % 10], a, c, b, wrong).edit(g),
                        new Gesture(Kind.values()[c % 10], c, a, b, 1).edit(g)));
            };
        }

        private Object inRange(ParamSpec p, int pick) {
            return switch (p.type()) {
                case INT -> (int) (p.min() + pick % (p.max() - p.min() + 1));
                case FLOAT -> p.min() + (p.max() - p.min()) * (pick % 1000) / 1000.0;
                case BOOL -> pick % 2 == 0;
                case CHOICE -> p.choices().get(pick % p.choices().size());
                case INT_LIST -> List.of(-1);
                case SIZE_2D -> pick % 2 == 0 ? (Object) (int) (p.min() + pick % (p.max() - p.min() + 1))
                        : List.of((int) (p.min() + pick % (p.max() - p.min() + 1)), (int) (double) p.min());
            };
        }

        private static Object outOfRange(ParamSpec p) {
            return switch (p.type()) {
                case INT, INT_LIST, SIZE_2D -> p.max() == null ? "text" : (Object) (int) (p.max() + 1);
                case FLOAT -> p.max() + 1;
                case BOOL -> "yes";
                case CHOICE -> "none of them";
            };
        }
    }
}
