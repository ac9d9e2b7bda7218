package glassbox.views;

import javafx.collections.ObservableList;
import javafx.scene.Node;

import java.util.List;

/** Shows the first n nodes of a reusable pool as a parent's children. */
final class PooledChildren {
    private PooledChildren() {}

    /**
     * Makes children the first n of pool, adding or removing only at the end: a node taken out and put back has its
     * CSS matched again, which for a strip of chips was a third of a keystroke's work on the FX thread.
     * children must already be a prefix of pool (they only ever come from here).
     */
    static void showFirst(ObservableList<Node> children, List<? extends Node> pool, int n) {
        int have = children.size();
        if (have > n) children.remove(n, have);
        else if (have < n) children.addAll(pool.subList(have, n));
    }
}
