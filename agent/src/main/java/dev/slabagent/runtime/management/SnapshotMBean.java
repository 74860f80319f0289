package dev.slabagent.runtime.management;

import javax.management.AttributeList;
import javax.management.StandardMBean;

/**
 * A cache's MBean as registered: a read of several attributes at once ({@code getAttributes}, as JConsole and
 * {@code jmxterm} do) takes one snapshot of the cache's figures and answers every attribute from it.
 */
final class SnapshotMBean extends StandardMBean {

    private final CacheMonitor monitor;

    SnapshotMBean(CacheMonitor monitor) {
        super(monitor, CacheMXBean.class, true);
        this.monitor = monitor;
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        return monitor.pinned(() -> super.getAttributes(attributes));
    }
}
