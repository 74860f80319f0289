package dev.slabagent.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.WrongMethodTypeException;
import java.lang.ref.WeakReference;
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
 * <p>The switch holds its call sites weakly: the code that calls through a site keeps it (the class's resolved
 * {@code invokedynamic}, or a handle bound to it), so the sites of code gone with a retransform or an unloaded class
 * loader are dropped, not retargeted for ever.
 *
 * @param <P> the switch's positions ({@code Boolean} for on and off, an enum for phases)
 */
public final class LinkSwitch<P> {

    /** Entries the list may hold before it is next swept of collected sites. */
    private static final int FIRST_SWEEP = 16;

    /** A call site and its target in each position. */
    private static final class Site<P> extends MutableCallSite {
        private final Function<? super P, MethodHandle> targets;

        Site(MethodType type, Function<? super P, MethodHandle> targets) {
            super(type);
            this.targets = targets;
        }

        /** The site's target in {@code position}; throws, changing nothing, if it is not of the site's type. */
        MethodHandle targetAt(P position) {
            MethodHandle target = targets.apply(position);
            if (!target.type().equals(type())) {
                throw new WrongMethodTypeException("target " + target.type() + " for a call site of " + type());
            }
            return target;
        }
    }

    private final List<WeakReference<Site<P>>> linked = new ArrayList<>();
    private int sweepAt = FIRST_SWEEP;
    private P position;
    private boolean ended;

    /** A switch standing at {@code position}, with no call site yet. */
    public LinkSwitch(P position) {
        this.position = Objects.requireNonNull(position);
    }

    /**
     * A call site of {@code type} whose target is {@code targets}' handle for the switch's position, now and after
     * every move; {@code targets} must give handles of that type in every position.
     */
    public synchronized MutableCallSite link(MethodType type, Function<? super P, MethodHandle> targets) {
        Site<P> site = new Site<>(type, targets);
        site.setTarget(site.targetAt(position));
        if (!ended) {
            if (linked.size() >= sweepAt) {
                linked.removeIf(ref -> ref.get() == null);
                sweepAt = Math.max(FIRST_SWEEP, 2 * linked.size());
            }
            linked.add(new WeakReference<>(site));
        }
        return site;
    }

    /**
     * Moves the switch to {@code next} and retargets every linked call site; if a site has no target of its type
     * there, throws and moves nothing.
     *
     * @return how many call sites were retargeted: 0 if the switch stood there already or has ended
     */
    public synchronized int set(P next) {
        Objects.requireNonNull(next);
        if (ended || position.equals(next)) {
            return 0;
        }
        List<Site<P>> sites = new ArrayList<>(linked.size());
        List<MethodHandle> targets = new ArrayList<>(linked.size());
        for (WeakReference<Site<P>> ref : linked) {
            Site<P> site = ref.get();
            if (site != null) {
                targets.add(site.targetAt(next));
                sites.add(site);
            }
        }
        position = next;
        for (int i = 0; i < sites.size(); i++) {
            sites.get(i).setTarget(targets.get(i));
        }
        MutableCallSite.syncAll(sites.toArray(new MutableCallSite[0]));
        return sites.size();
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
