package dev.slabagent.runtime.alloc;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MutableCallSite;
import java.util.ArrayList;
import java.util.List;

/**
 * One cache's on/off switch for its rewritten sites: each site is a {@link MutableCallSite} whose target is the
 * cache's ({@code on}) or the original constructor ({@code off}); flipping the switch retargets them all at once.
 * No class is redefined: compiled code that inlined a target is deoptimised by the JVM, frames already running
 * included, so a loop inside a rewritten method follows the switch at its next allocation. Switched off, a site's
 * target is the plain constructor, which the JIT inlines as it inlines {@code new}.
 */
final class SiteSwitch {

    private final List<Linked> sites = new ArrayList<>();
    private boolean on = true;

    private record Linked(MutableCallSite site, MethodHandle fromCache, MethodHandle plainNew) {
        void follow(boolean on) {
            site.setTarget(on ? fromCache : plainNew);
        }
    }

    /** A call site for a newly linked site, set as the switch stands. */
    synchronized CallSite link(MethodHandle fromCache, MethodHandle plainNew) {
        Linked linked = new Linked(new MutableCallSite(plainNew.type()), fromCache, plainNew);
        linked.follow(on);
        sites.add(linked);
        return linked.site();
    }

    /**
     * Points every linked site at the cache or at the plain constructor.
     *
     * @return how many sites were retargeted (0 if the switch was already so)
     */
    synchronized int set(boolean on) {
        if (this.on == on) {
            return 0;
        }
        this.on = on;
        MutableCallSite[] all = new MutableCallSite[sites.size()];
        for (int i = 0; i < all.length; i++) {
            sites.get(i).follow(on);
            all[i] = sites.get(i).site();
        }
        MutableCallSite.syncAll(all);
        return all.length;
    }
}
