package dev.slabagent.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Call sites that follow one switch: each {@linkplain #link linked} {@link MutableCallSite} has a target for every
 * position of the switch, and {@linkplain #set moving} the switch retargets them all at once. No class is redefined:
 * the JVM deoptimises the compiled code that inlined an old target, frames already running included, so a loop
 * follows the switch at its next call through the site; compiled code sees only the current position's target.
 * A switch can be {@linkplain #end ended}: it keeps its last position for good and lets its call sites go.
 *
 * @param <P> the switch's positions ({@code Boolean} for on and off, an enum for phases)
 */
public final class LinkSwitch<P> {

    private record Linked<P>(MutableCallSite site, Function<? super P, MethodHandle> targets) {
        void follow(P position) {
            site.setTarget(targets.apply(position));
        }
    }

    private final List<Linked<P>> linked = new ArrayList<>();
    private P position;
    private boolean ended;

    /** A switch standing at {@code position}, with no call site yet. */
    public LinkSwitch(P position) {
        this.position = Objects.requireNonNull(position);
    }

    /**
     * A call site of {@code type} whose target is {@code targets}' handle for the switch's position, now and after
     * every move; {@code targets} must give handles of that type.
     */
    public synchronized MutableCallSite link(MethodType type, Function<? super P, MethodHandle> targets) {
        Linked<P> l = new Linked<>(new MutableCallSite(type), targets);
        l.follow(position);
        if (!ended) {
            linked.add(l);
        }
        return l.site();
    }

    /**
     * Moves the switch to {@code next} and retargets every linked call site.
     *
     * @return how many call sites were retargeted: 0 if the switch stood there already or has ended
     */
    public synchronized int set(P next) {
        if (ended || position.equals(next)) {
            return 0;
        }
        position = Objects.requireNonNull(next);
        MutableCallSite[] sites = new MutableCallSite[linked.size()];
        for (int i = 0; i < sites.length; i++) {
            Linked<P> l = linked.get(i);
            l.follow(next);
            sites[i] = l.site();
        }
        MutableCallSite.syncAll(sites);
        return sites.length;
    }

    /**
     * Moves the switch to {@code last} for good, as {@link #set}, then forgets its call sites: later moves do nothing,
     * a call site linked later gets {@code last}'s target and is not kept.
     *
     * @return how many call sites were retargeted
     */
    public synchronized int end(P last) {
        int moved = set(last);
        ended = true;
        linked.clear();
        return moved;
    }
}
